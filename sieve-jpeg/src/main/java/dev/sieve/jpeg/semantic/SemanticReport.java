package dev.sieve.jpeg.semantic;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The report of one semantic compression, as {@code sieve compress --json} and {@code sieve serve} write it. */
public final class SemanticReport {
    private SemanticReport() {
    }

    /**
     * The result's fields in report order, snake_case keys: mode, bytes, reference_bytes (plain JPEG at
     * {@code reference_quality}; 0 when a byte target was given), target_bytes, size_deviation (relative),
     * within_tolerance, final_quality, shift, level_qualities, blocks_per_level, subsampling, progressive,
     * tune, then lambda_scale and saliency_weight (rate-distortion tunes) or block_method (classic), encodes.
     */
    public static Map<String, Object> fields(SemanticOptions o, SemanticResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", r.mode().name().toLowerCase(Locale.ROOT));
        m.put("bytes", r.jpeg().length);
        m.put("reference_bytes", r.referenceBytes());
        m.put("reference_quality", r.referenceBytes() > 0 ? o.matchQuality() : null);
        m.put("target_bytes", r.targetBytes());
        m.put("size_deviation", r.sizeDeviation());
        m.put("within_tolerance", r.withinTolerance());
        m.put("final_quality", r.finalQuality());
        m.put("shift", r.shift());
        m.put("level_qualities", r.levelQualities());
        m.put("blocks_per_level", r.blocksPerLevel());
        m.put("subsampling", o.subsampling().toString());
        m.put("progressive", o.progressive());
        m.put("tune", r.tune().toString());
        if (r.tune().rdo()) {
            m.put("lambda_scale", r.lambdaScale());
            m.put("saliency_weight", r.mode() == SemanticMode.DIRECT ? o.saliencyWeight() : null);
        } else {
            m.put("block_method", o.blockMethod().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        m.put("encodes", r.encodes());
        return m;
    }
}
