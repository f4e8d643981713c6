package dev.sieve.cli;

import dev.sieve.jpeg.semantic.SemanticMode;
import dev.sieve.jpeg.semantic.SemanticResult;
import dev.sieve.nn.compress.SemanticCompressor;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** The text {@code sieve compress} prints: the report of one image, and the line of one file of a batch. */
final class CompressText {
    private CompressText() {
    }

    /** The line of one batch file: name, bytes, size against plain JPEG (or target, or the quality), luma PSNR, any fallback. */
    static String line(Path in, Path out, SemanticCompressor.FileOutcome file) {
        SemanticCompressor.Outcome o = file.outcome();
        Map<String, Object> f = file.report();
        double psnr = file.psnr();
        SemanticResult r = o.result();
        String size = r.referenceBytes() > 0
                ? String.format(Locale.ROOT, "%.3fx plain JPEG Q%s", (double) r.jpeg().length / r.referenceBytes(), fmt((double) f.get("reference_quality")))
                : r.targetBytes() > 0 ? String.format(Locale.ROOT, "%.3fx target", (double) r.jpeg().length / r.targetBytes())
                : String.format(Locale.ROOT, "Q %.2f", r.finalQuality());
        return String.format(Locale.ROOT, "%s -> %s: %d bytes, %s, PSNR %.2f dB%s", in, out, r.jpeg().length, size, psnr,
                o.fallback() == null ? "" : " (" + o.fallback() + ")");
    }

    /** The warning of a JPEG whose size missed its target by more than {@code tolerance} (a fraction). */
    static String sizeWarning(SemanticResult r, double tolerance) {
        return String.format(Locale.ROOT, "sieve compress: warning: size is %+.2f %% off the target (tolerance %.2f %%)",
                100 * r.sizeDeviation(), 100 * tolerance);
    }

    /** The report of one image ({@code m}: the JSON report's fields). */
    static String report(Map<String, Object> m, SemanticResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s (%dx%d) -> %s%n", m.get("input"), m.get("width"), m.get("height"), m.get("output")));
        sb.append(String.format(Locale.ROOT, "mode       %s, saliency: %s%n", m.get("mode"), m.get("saliency")));
        if (m.get("saliency_sources") instanceof java.util.List<?> list) {
            StringBuilder src = new StringBuilder(), det = new StringBuilder();
            for (Object o : list) {
                Map<?, ?> e = (Map<?, ?>) o;
                src.append(src.length() == 0 ? "" : ", ").append(e.get("source")).append(" x").append(e.get("weight"))
                        .append(Boolean.TRUE.equals(e.get("used")) ? "" : " (refused: " + e.get("refused") + ")");
                if (e.get("detections") instanceof java.util.List<?> found) {
                    for (Object f : found) {
                        Map<?, ?> x = (Map<?, ?>) f;
                        det.append(det.length() == 0 ? "" : ", ").append(x.get("label")).append(' ').append(x.get("score")).append(' ').append(x.get("box"));
                    }
                }
            }
            sb.append("sources    ").append(src).append('\n');
            if (det.length() > 0) {
                sb.append("detected   ").append(det).append('\n');
            }
        }
        if (m.get("saliency_note") != null) {
            sb.append("note       ").append(m.get("saliency_note")).append('\n');
        }
        if (m.get("saliency_fallback") != null) {
            sb.append("fallback   ").append(m.get("saliency_fallback")).append('\n');
        }
        if (r.levelQualities().length > 0) {
            StringBuilder lv = new StringBuilder();
            for (int n = 0; n < r.levelQualities().length; n++) {
                lv.append(String.format(Locale.ROOT, "%s%.4g (%d blocks)", n == 0 ? "" : ", ", r.levelQualities()[n], r.blocksPerLevel()[n]));
            }
            sb.append("levels     Q ").append(lv).append('\n');
        }
        String q = r.tune().rdo()
                ? String.format(Locale.ROOT, "%s tune, tables at Q %.2f, lambda x%.3g%s", r.tune(), r.finalQuality(), r.lambdaScale(),
                        r.mode() == SemanticMode.DIRECT ? String.format(Locale.ROOT, ", saliency weight %s", fmt((Double) m.get("saliency_weight"))) : "")
                : switch (r.mode()) {
                    case PLAIN -> String.format(Locale.ROOT, "Q %.2f", r.finalQuality());
                    case MOSAIC -> String.format(Locale.ROOT, "Q_f %.2f", r.finalQuality());
                    case DIRECT -> String.format(Locale.ROOT, "levels shifted by %+.2f, tables at Q %.2f", r.shift(), r.finalQuality());
                };
        sb.append("chosen     ").append(q).append('\n');
        if (r.targetBytes() > 0) {
            String ref = r.referenceBytes() > 0
                    ? String.format(Locale.ROOT, "plain JPEG Q%s %d bytes", fmt((double) m.get("reference_quality")), r.referenceBytes())
                    : String.format(Locale.ROOT, "target %d bytes", r.targetBytes());
            sb.append(String.format(Locale.ROOT, "size       %d bytes, %s (%+.2f %%%s)%n", r.jpeg().length, ref,
                    100 * r.sizeDeviation(), r.withinTolerance() ? ", within tolerance" : ", OUTSIDE tolerance"));
        } else {
            sb.append(String.format(Locale.ROOT, "size       %d bytes%n", r.jpeg().length));
        }
        sb.append(String.format(Locale.ROOT, "time       %.1f ms (%d encodes, %s, %s)", (double) m.get("time_ms"), r.encodes(),
                m.get("subsampling"), (boolean) m.get("progressive") ? "progressive" : "baseline"));
        return sb.toString();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
