package dev.sieve.nn.compress;

import dev.sieve.jpeg.eval.RateDistortionReport;
import dev.sieve.jpeg.eval.SemanticComparison;
import dev.sieve.nn.report.ReportJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code summary.json} of a compression evaluation (thesis Table 2.1 and the rate–distortion comparison), built
 * the same way for {@code sieve eval compression} ({@link CompressionEvaluation}) and {@code sieve spark evaluate}, so
 * the same thing has the same key in both: {@code schema}, {@code version}, {@code software}, {@code parameters}
 * (the input's own keys, then {@link CompressionEvaluation#parameters} and {@code baseline_timeout_s}),
 * {@code image_count}, {@code failed}, {@code images} (per image identity, where the caller has it), {@code means},
 * {@code table_2_1} and, with baselines, {@code rate_distortion} and {@code rate_distortion_failed}.
 */
public final class CompressionSummary {
    private final String command;
    private final SemanticComparison.Config config;
    private final BaselineSpec baselines;
    private final Map<String, Object> input = new LinkedHashMap<>();
    private long imageCount;
    private long failed;
    private List<Map<String, Object>> identities;
    private Map<String, Map<String, Object>> means = Map.of();
    private RateDistortionReport rd;
    private Map<String, String> rdFailed = Map.of();

    /**
     * @param command   the command whose document this is ({@code eval.compression}, {@code spark.evaluate})
     * @param baselines the rate–distortion comparison, or null without one
     */
    public CompressionSummary(String command, SemanticComparison.Config config, BaselineSpec baselines) {
        this.command = command;
        this.config = config;
        this.baselines = baselines;
    }

    /** A parameter that says where the images and maps came from (e.g. {@code input}, {@code map_dir}, {@code saliency}); in call order. */
    public CompressionSummary input(String key, Object value) {
        input.put(key, value);
        return this;
    }

    /** The images found and those that could not be evaluated. */
    public CompressionSummary images(long found, long failed) {
        this.imageCount = found;
        this.failed = failed;
        return this;
    }

    /** Per image: name, width, height, sha256 and map_sha256 ({@link CompressionEvaluation.Result#images}). */
    public CompressionSummary identities(List<Map<String, Object>> identities) {
        this.identities = identities;
        return this;
    }

    /** The means per method, methods in {@link SemanticComparison.Config#methods} order. */
    public CompressionSummary means(Map<String, Map<String, Object>> means) {
        this.means = means;
        return this;
    }

    /** The rate–distortion report (null without baselines) and the images it left out (image → error). */
    public CompressionSummary rateDistortion(RateDistortionReport rd, Map<String, String> failed) {
        this.rd = rd;
        this.rdFailed = failed;
        return this;
    }

    /** Everything an evaluation of a folder says: its image count, identities, means and rate–distortion report. */
    public CompressionSummary result(CompressionEvaluation.Result r) {
        return images(r.images().size(), 0).identities(r.images()).means(r.means()).rateDistortion(r.rd(), Map.of());
    }

    /** The document, in the key order of the class comment. */
    public Map<String, Object> build() {
        Map<String, Object> summary = ReportJson.document(command);
        summary.put("software", ReportJson.software());
        Map<String, Object> params = new LinkedHashMap<>(input);
        params.putAll(CompressionEvaluation.parameters(config, baselines == null ? null : baselines.protocol(config)));
        if (baselines != null) {
            params.put("baseline_timeout_s", baselines.timeoutSeconds());
        }
        summary.put("parameters", params);
        summary.put("image_count", imageCount);
        summary.put("failed", failed);
        if (identities != null) {
            summary.put("images", identities);
        }
        summary.put("means", means);
        summary.put("table_2_1", CompressionEvaluation.table(means));
        if (baselines != null) {
            summary.put("rate_distortion", rd == null ? null : rd.summary());
            summary.put("rate_distortion_failed", rdFailed);
        }
        return summary;
    }
}
