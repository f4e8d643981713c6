package dev.sieve.jpeg.eval;

import dev.sieve.image.Planar;
import dev.sieve.image.metrics.Channels;
import dev.sieve.image.metrics.QualityReport;
import dev.sieve.image.saliency.SaliencyMap;
import dev.sieve.jpeg.JpegDecoder;
import dev.sieve.jpeg.Tune;
import dev.sieve.jpeg.semantic.SemanticJpeg;
import dev.sieve.jpeg.semantic.SemanticMode;
import dev.sieve.jpeg.semantic.SemanticOptions;
import dev.sieve.jpeg.semantic.SemanticResult;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The protocol of the thesis' Table 2.1 on one image: plain classic JPEG at the match quality, then each
 * semantic mode at that file's size (±1 %), every file decoded and measured against the original with the
 * seven metrics of {@link QualityReport}; and the means over images. {@code sieve eval compression} and
 * the Spark evaluate job both run it.
 */
public final class SemanticComparison {
    private SemanticComparison() {
    }

    /**
     * @param matchQuality   quality of the plain reference JPEG (classic tune) whose size the modes match
     * @param modes          semantic modes compared with it (mosaic, direct)
     * @param tune           tune of Sieve's direct mode (mosaic is always classic)
     * @param progressive    progressive files (reference included) or baseline
     * @param saliencyWeight direct mode's W
     * @param threshold      PSNR-S region: map value at least this, in [0, 1]
     * @param channels       metrics on luma or RGB
     */
    public record Config(double matchQuality, List<SemanticMode> modes, Tune tune, boolean progressive, double saliencyWeight,
            double threshold, Channels channels) implements Serializable {
        public Config {
            modes = List.copyOf(modes);
            if (modes.contains(SemanticMode.PLAIN)) {
                throw new IllegalArgumentException("modes compared with plain JPEG are mosaic and direct, not plain");
            }
            if (!(matchQuality >= 1 && matchQuality <= 100)) {
                throw new IllegalArgumentException("match quality must be in [1, 100], got " + matchQuality);
            }
            if (!(saliencyWeight >= 1 && saliencyWeight <= 1e4)) {
                throw new IllegalArgumentException("saliency weight must be in [1, 10000], got " + saliencyWeight);
            }
            if (!(threshold >= 0 && threshold <= 1)) {
                throw new IllegalArgumentException("threshold must be in [0, 1], got " + threshold);
            }
        }

        /** Options of Sieve's method {@code m} matching the size of classic plain JPEG at quality {@code q}. */
        public SemanticOptions options(SemanticMode m, double q) {
            return SemanticOptions.defaults(m).withTune(tune).withSaliencyWeight(saliencyWeight).withMatchQuality(q)
                    .withProgressive(progressive);
        }

        /** The method names in report order: plain, then the modes. */
        public List<String> methods() {
            List<String> names = new ArrayList<>(List.of("plain"));
            modes.forEach(m -> names.add(m.name().toLowerCase(Locale.ROOT)));
            return names;
        }
    }

    /**
     * One image under one method.
     *
     * @param targetBytes the size matched (0 for the plain reference)
     * @param encodeMs    encoding time, ms
     */
    public record Row(String image, int width, int height, String method, long bytes, long targetBytes, boolean withinTolerance,
            double finalQuality, double encodeMs, QualityReport quality) implements Serializable {
        /** Size relative to the target (+0.004 = 0.4 % larger); NaN for the plain reference. */
        public double sizeDeviation() {
            return targetBytes == 0 ? Double.NaN : (double) bytes / targetBytes - 1;
        }
    }

    /** A row and the decoded file it measured. */
    public record Encoded(Row row, Planar decoded) {
    }

    /** Plain JPEG, then each mode of {@code c} at its size; {@code map} guides the modes and defines PSNR-S. */
    public static List<Encoded> run(String name, Planar img, SaliencyMap map, Config c) {
        List<Encoded> out = new ArrayList<>();
        SemanticOptions plain = SemanticOptions.defaults(SemanticMode.PLAIN).withTune(Tune.CLASSIC)
                .withProgressive(c.progressive()).withMatchQuality(c.matchQuality()).withFixedQuality(c.matchQuality());
        Encoded reference = encode(name, img, map, "plain", null, plain, 0, c);
        out.add(reference);
        for (SemanticMode m : c.modes()) {
            long target = reference.row().bytes();
            out.add(encode(name, img, map, m.name().toLowerCase(Locale.ROOT), map, c.options(m, c.matchQuality()).withTargetBytes(target),
                    target, c));
        }
        return out;
    }

    private static Encoded encode(String name, Planar img, SaliencyMap metricMap, String method, SaliencyMap encodeMap,
            SemanticOptions o, long target, Config c) {
        long t0 = System.nanoTime();
        SemanticResult r = SemanticJpeg.compress(img, encodeMap, o);
        double ms = (System.nanoTime() - t0) / 1e6;
        Planar back = JpegDecoder.decode(r.jpeg());
        QualityReport q = QualityReport.of(img, back, metricMap, c.threshold(), c.channels());
        return new Encoded(new Row(name, img.width(), img.height(), method, r.jpeg().length, target,
                target == 0 || r.withinTolerance(), r.finalQuality(), ms, q), back);
    }

    /**
     * Means of one method's rows: n, each metric over the images where it is defined (null when none),
     * bytes, encode_ms, and within_tolerance (rows within the size tolerance; the plain reference counts).
     */
    public static Map<String, Object> means(List<Row> rows) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", rows.size());
        for (int k = 0; k < QualityReport.KEYS.length; k++) {
            double s = 0;
            int n = 0;
            for (Row r : rows) {
                double v = r.quality().values()[k];
                if (!Double.isNaN(v)) {
                    s += v;
                    n++;
                }
            }
            m.put(QualityReport.KEYS[k], n == 0 ? null : s / n);
        }
        m.put("bytes", rows.stream().mapToLong(Row::bytes).average().orElse(Double.NaN));
        m.put("encode_ms", rows.stream().mapToDouble(Row::encodeMs).average().orElse(Double.NaN));
        m.put("within_tolerance", rows.stream().filter(Row::withinTolerance).count());
        return m;
    }
}
