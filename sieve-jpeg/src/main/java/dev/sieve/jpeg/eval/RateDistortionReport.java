package dev.sieve.jpeg.eval;

import dev.sieve.image.io.AtomicFiles;
import dev.sieve.image.metrics.Bjontegaard;
import dev.sieve.jpeg.eval.RateDistortionEvaluation.Config;
import dev.sieve.jpeg.eval.RateDistortionEvaluation.ImageResult;
import dev.sieve.jpeg.eval.RateDistortionEvaluation.Kind;
import dev.sieve.jpeg.eval.RateDistortionEvaluation.Method;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The result of a {@link RateDistortionEvaluation}: every measured point, and per image and as a
 * mean over images ({@link #MEAN}) the Bjøntegaard deltas and the equal-bytes comparison of every
 * Sieve method against every baseline on every {@link RdMetric}.
 *
 * <ul>
 *   <li>BD ({@link BdRow}): {@link Bjontegaard#bdRate} (percent, negative = the Sieve method needs
 *       fewer bytes for the same quality) and {@link Bjontegaard#bdQuality} (metric units, positive
 *       = the Sieve method is better at the same size) of the Sieve method's sweep (test) against
 *       the baseline's (reference), rate in bytes.
 *   <li>Equal bytes ({@link EqualBytesRow}): the Sieve method's file at the reference quality, and
 *       the baseline's metric at exactly that file's byte count, interpolated by
 *       {@link Bjontegaard#qualityAtRate} on the baseline's sweep (never extrapolated);
 *       difference = Sieve − baseline.
 * </ul>
 * A value that cannot be computed (metric undefined or infinite, curves that do not overlap, a
 * size outside the baseline's range) is NaN with a note saying why: empty in CSV, null in the
 * summary. Means are arithmetic means over the images where the value exists ({@code n} of them).
 */
public record RateDistortionReport(Config config, List<MethodInfo> methods, List<ImageResult> images, List<BdRow> bd,
        List<EqualBytesRow> equalBytes) {
    /** The image name of rows that average over images. */
    public static final String MEAN = "mean";

    /** A method as listed in the report. */
    public record MethodInfo(String name, Kind kind, String description) {
    }

    /**
     * One encode: quality parameter, size and the metrics of the decoded file.
     *
     * @param quality the sweep value q the method was run at
     * @param bpp bits per pixel, {@code 8 · bytes / (width · height)}
     */
    public record Point(String image, String method, double quality, long bytes, double bpp, double psnr, double psnrS,
            double ssim, double msSsim) {
        /** The value of {@code m}. */
        public double value(RdMetric m) {
            return switch (m) {
                case PSNR -> psnr;
                case PSNR_S -> psnrS;
                case SSIM -> ssim;
                case MS_SSIM -> msSsim;
            };
        }
    }

    /**
     * Bjøntegaard deltas of {@code method} against {@code baseline} on {@code metric}.
     *
     * @param image an image name or {@link #MEAN}
     * @param n number of images behind the values (1, or the images averaged)
     * @param note why a value is missing, or empty
     */
    public record BdRow(String image, String method, String baseline, RdMetric metric, double bdRatePercent,
            double bdQuality, int n, String note) {
    }

    /**
     * The equal-bytes comparison at the reference quality.
     *
     * @param quality the reference quality q of the Sieve method's file
     * @param bytes the Sieve file's size (mean size in a {@link #MEAN} row)
     * @param methodValue the Sieve file's metric
     * @param baselineValue the baseline's metric interpolated at {@code bytes}
     * @param difference {@code methodValue − baselineValue}
     */
    public record EqualBytesRow(String image, String method, String baseline, RdMetric metric, double quality,
            double bytes, double methodValue, double baselineValue, double difference, int n, String note) {
    }

    /** Builds BD and equal-bytes tables from the measured images. */
    static RateDistortionReport of(Config config, List<Method> methods, List<ImageResult> images) {
        List<MethodInfo> infos = methods.stream().map(m -> new MethodInfo(m.name(), m.kind(), m.description())).toList();
        List<String> sieve = infos.stream().filter(m -> m.kind() == Kind.SIEVE).map(MethodInfo::name).toList();
        List<String> baselines = infos.stream().filter(m -> m.kind() == Kind.BASELINE).map(MethodInfo::name).toList();
        List<BdRow> bd = new ArrayList<>();
        List<EqualBytesRow> eq = new ArrayList<>();
        for (ImageResult img : images) {
            for (String m : sieve) {
                for (String b : baselines) {
                    for (RdMetric k : RdMetric.values()) {
                        bd.add(bd(img, m, b, k));
                        eq.add(equalBytes(img, m, b, k, config.referenceQuality()));
                    }
                }
            }
        }
        List<BdRow> bdAll = new ArrayList<>(bd);
        List<EqualBytesRow> eqAll = new ArrayList<>(eq);
        for (String m : sieve) {
            for (String b : baselines) {
                for (RdMetric k : RdMetric.values()) {
                    bdAll.add(meanBd(bd, m, b, k, images.size()));
                    eqAll.add(meanEqualBytes(eq, m, b, k, images.size(), config.referenceQuality()));
                }
            }
        }
        return new RateDistortionReport(config, infos, List.copyOf(images), List.copyOf(bdAll), List.copyOf(eqAll));
    }

    private static BdRow bd(ImageResult img, String method, String baseline, RdMetric k) {
        List<Point> test = curve(img, method), ref = curve(img, baseline);
        String bad = undefined(test, method, k) + undefined(ref, baseline, k);
        if (!bad.isEmpty()) {
            return new BdRow(img.name(), method, baseline, k, Double.NaN, Double.NaN, 1, bad.strip());
        }
        double[] tr = bytes(test), tq = values(test, k), rr = bytes(ref), rq = values(ref, k);
        double rate = Double.NaN, quality = Double.NaN;
        List<String> notes = new ArrayList<>();
        try {
            rate = Bjontegaard.bdRate(rr, rq, tr, tq);
        } catch (IllegalArgumentException e) {
            notes.add("BD-rate: " + e.getMessage());
        }
        try {
            quality = Bjontegaard.bdQuality(rr, rq, tr, tq);
        } catch (IllegalArgumentException e) {
            notes.add("BD-quality: " + e.getMessage());
        }
        return new BdRow(img.name(), method, baseline, k, rate, quality, 1, String.join("; ", notes));
    }

    private static EqualBytesRow equalBytes(ImageResult img, String method, String baseline, RdMetric k, double q) {
        Point p = curve(img, method).stream().filter(x -> x.quality() == q).findFirst().orElseThrow(
                () -> new IllegalStateException(method + " has no point at the reference quality " + q));
        List<Point> ref = curve(img, baseline);
        double v = p.value(k);
        String bad = (Double.isFinite(v) ? "" : method + " " + k.key() + " is " + describe(v) + " at q "
                + ExternalEncoder.formatQuality(q) + " ") + undefined(ref, baseline, k);
        double b = Double.NaN;
        String note = bad.strip();
        if (bad.isEmpty()) {
            try {
                b = Bjontegaard.qualityAtRate(bytes(ref), values(ref, k), p.bytes());
            } catch (IllegalArgumentException e) {
                note = baseline + ": " + e.getMessage();
            }
        }
        return new EqualBytesRow(img.name(), method, baseline, k, q, p.bytes(), v, b, v - b, 1, note);
    }

    private static BdRow meanBd(List<BdRow> rows, String method, String baseline, RdMetric k, int images) {
        double rate = 0, quality = 0;
        int n = 0;
        for (BdRow r : rows) {
            if (r.method().equals(method) && r.baseline().equals(baseline) && r.metric() == k
                    && Double.isFinite(r.bdRatePercent()) && Double.isFinite(r.bdQuality())) {
                rate += r.bdRatePercent();
                quality += r.bdQuality();
                n++;
            }
        }
        return new BdRow(MEAN, method, baseline, k, n == 0 ? Double.NaN : rate / n, n == 0 ? Double.NaN : quality / n, n,
                n == images ? "" : "over " + n + " of " + images + " images");
    }

    private static EqualBytesRow meanEqualBytes(List<EqualBytesRow> rows, String method, String baseline, RdMetric k,
            int images, double q) {
        double bytes = 0, v = 0, b = 0;
        int n = 0;
        for (EqualBytesRow r : rows) {
            if (r.method().equals(method) && r.baseline().equals(baseline) && r.metric() == k
                    && Double.isFinite(r.difference())) {
                bytes += r.bytes();
                v += r.methodValue();
                b += r.baselineValue();
                n++;
            }
        }
        return n == 0
                ? new EqualBytesRow(MEAN, method, baseline, k, q, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0,
                        "no image has the value")
                : new EqualBytesRow(MEAN, method, baseline, k, q, bytes / n, v / n, b / n, (v - b) / n, n,
                        n == images ? "" : "over " + n + " of " + images + " images");
    }

    /** A note when some point of {@code curve} has no finite value of {@code k}, else "". */
    private static String undefined(List<Point> curve, String method, RdMetric k) {
        for (Point p : curve) {
            double v = p.value(k);
            if (!Double.isFinite(v)) {
                return method + " " + k.key() + " is " + describe(v) + " at q " + ExternalEncoder.formatQuality(p.quality())
                        + " ";
            }
        }
        return "";
    }

    private static String describe(double v) {
        return Double.isNaN(v) ? "undefined" : "infinite (lossless)";
    }

    private static List<Point> curve(ImageResult img, String method) {
        return img.points().stream().filter(p -> p.method().equals(method)).toList();
    }

    private static double[] bytes(List<Point> c) {
        return c.stream().mapToDouble(Point::bytes).toArray();
    }

    private static double[] values(List<Point> c, RdMetric k) {
        return c.stream().mapToDouble(p -> p.value(k)).toArray();
    }

    /** Every measured point, image by image. */
    public List<Point> points() {
        return images.stream().flatMap(i -> i.points().stream()).toList();
    }

    /** The points of {@code method} on {@code image}, in sweep order. */
    public List<Point> curve(String image, String method) {
        return points().stream().filter(p -> p.image().equals(image) && p.method().equals(method)).toList();
    }

    /**
     * The mean curve of {@code method} over images: per sweep quality, {q, mean bpp, mean value of
     * {@code k}}, averaged over the images where the value is finite (rows with none are left out).
     */
    public List<double[]> meanCurve(String method, RdMetric k) {
        List<double[]> out = new ArrayList<>();
        for (double q : config.sweep()) {
            double bpp = 0, v = 0;
            int n = 0;
            for (Point p : points()) {
                if (p.method().equals(method) && p.quality() == q && Double.isFinite(p.value(k))) {
                    bpp += p.bpp();
                    v += p.value(k);
                    n++;
                }
            }
            if (n > 0) {
                out.add(new double[] {q, bpp / n, v / n});
            }
        }
        return out;
    }

    /** The {@link #MEAN} BD row of {@code method} against {@code baseline} on {@code k}. */
    public BdRow meanBd(String method, String baseline, RdMetric k) {
        return bd.stream().filter(r -> r.image().equals(MEAN) && r.method().equals(method) && r.baseline().equals(baseline)
                && r.metric() == k).findFirst().orElseThrow(() -> new IllegalArgumentException(
                        "no BD row for " + method + " vs " + baseline));
    }

    /** The {@link #MEAN} equal-bytes row of {@code method} against {@code baseline} on {@code k}. */
    public EqualBytesRow meanEqualBytes(String method, String baseline, RdMetric k) {
        return equalBytes.stream().filter(r -> r.image().equals(MEAN) && r.method().equals(method)
                && r.baseline().equals(baseline) && r.metric() == k).findFirst().orElseThrow(
                        () -> new IllegalArgumentException("no equal-bytes row for " + method + " vs " + baseline));
    }

    /** Names of the Sieve methods, in order. */
    public List<String> sieveMethods() {
        return methods.stream().filter(m -> m.kind() == Kind.SIEVE).map(MethodInfo::name).toList();
    }

    /** Names of the baselines, in order. */
    public List<String> baselines() {
        return methods.stream().filter(m -> m.kind() == Kind.BASELINE).map(MethodInfo::name).toList();
    }

    /** {@code rd.csv}: image, method, q, bytes, bpp, psnr, psnr_s, ssim, ms_ssim; one row per encode. */
    public String rdCsv() {
        StringBuilder sb = new StringBuilder("image,method,q,bytes,bpp,psnr,psnr_s,ssim,ms_ssim\n");
        for (Point p : points()) {
            sb.append(field(p.image())).append(',').append(p.method()).append(',').append(num(p.quality())).append(',')
                    .append(p.bytes()).append(',').append(num(p.bpp())).append(',').append(num(p.psnr())).append(',')
                    .append(num(p.psnrS())).append(',').append(num(p.ssim())).append(',').append(num(p.msSsim()))
                    .append('\n');
        }
        return sb.toString();
    }

    /** {@code bd.csv}: image (or mean), method, baseline, metric, bd_rate_percent, bd_quality, n, note. */
    public String bdCsv() {
        StringBuilder sb = new StringBuilder("image,method,baseline,metric,bd_rate_percent,bd_quality,n,note\n");
        for (BdRow r : bd) {
            sb.append(field(r.image())).append(',').append(r.method()).append(',').append(r.baseline()).append(',')
                    .append(r.metric().key()).append(',').append(num(r.bdRatePercent())).append(',')
                    .append(num(r.bdQuality())).append(',').append(r.n()).append(',').append(field(r.note())).append('\n');
        }
        return sb.toString();
    }

    /**
     * {@code equal_bytes.csv}: image (or mean), method, baseline, metric, q, bytes, method_value,
     * baseline_value, difference, n, note.
     */
    public String equalBytesCsv() {
        StringBuilder sb = new StringBuilder(
                "image,method,baseline,metric,q,bytes,method_value,baseline_value,difference,n,note\n");
        for (EqualBytesRow r : equalBytes) {
            sb.append(field(r.image())).append(',').append(r.method()).append(',').append(r.baseline()).append(',')
                    .append(r.metric().key()).append(',').append(num(r.quality())).append(',').append(num(r.bytes()))
                    .append(',').append(num(r.methodValue())).append(',').append(num(r.baselineValue())).append(',')
                    .append(num(r.difference())).append(',').append(r.n()).append(',').append(field(r.note()))
                    .append('\n');
        }
        return sb.toString();
    }

    /** Writes {@code rd.csv}, {@code bd.csv} and {@code equal_bytes.csv} into {@code dir} (created if missing), atomically. */
    public void writeCsv(Path dir) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.write(dir.resolve("rd.csv"), rdCsv().getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(dir.resolve("bd.csv"), bdCsv().getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(dir.resolve("equal_bytes.csv"), equalBytesCsv().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The report as plain maps and lists for a JSON writer: parameters, methods, images, and the
     * rows of the three CSV files (keys as their columns). Undefined numbers are null; infinite ones
     * stay {@code ±Infinity} for the writer to spell.
     */
    public Map<String, Object> summary() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("sweep", config.sweep());
        s.put("reference_quality", config.referenceQuality());
        s.put("psnr_s_threshold", config.threshold());
        s.put("metrics_channels", config.channels().name().toLowerCase(Locale.ROOT));
        s.put("metrics", Arrays.stream(RdMetric.values()).map(RdMetric::key).toList());
        List<Map<String, Object>> ms = new ArrayList<>();
        for (MethodInfo m : methods) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", m.name());
            o.put("kind", m.kind().name().toLowerCase(Locale.ROOT));
            o.put(m.kind() == Kind.BASELINE ? "command" : "description", m.description());
            ms.add(o);
        }
        s.put("methods", ms);
        List<Map<String, Object>> imgs = new ArrayList<>();
        for (ImageResult i : images) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", i.name());
            o.put("width", i.width());
            o.put("height", i.height());
            imgs.add(o);
        }
        s.put("images", imgs);
        List<Map<String, Object>> pts = new ArrayList<>();
        for (Point p : points()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("image", p.image());
            o.put("method", p.method());
            o.put("q", p.quality());
            o.put("bytes", p.bytes());
            o.put("bpp", p.bpp());
            for (RdMetric k : RdMetric.values()) {
                o.put(k.key(), json(p.value(k)));
            }
            pts.add(o);
        }
        s.put("points", pts);
        List<Map<String, Object>> bds = new ArrayList<>();
        for (BdRow r : bd) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("image", r.image());
            o.put("method", r.method());
            o.put("baseline", r.baseline());
            o.put("metric", r.metric().key());
            o.put("bd_rate_percent", json(r.bdRatePercent()));
            o.put("bd_quality", json(r.bdQuality()));
            o.put("n", r.n());
            o.put("note", r.note().isEmpty() ? null : r.note());
            bds.add(o);
        }
        s.put("bd", bds);
        List<Map<String, Object>> eqs = new ArrayList<>();
        for (EqualBytesRow r : equalBytes) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("image", r.image());
            o.put("method", r.method());
            o.put("baseline", r.baseline());
            o.put("metric", r.metric().key());
            o.put("q", r.quality());
            o.put("bytes", json(r.bytes()));
            o.put("method_value", json(r.methodValue()));
            o.put("baseline_value", json(r.baselineValue()));
            o.put("difference", json(r.difference()));
            o.put("n", r.n());
            o.put("note", r.note().isEmpty() ? null : r.note());
            eqs.add(o);
        }
        s.put("equal_bytes", eqs);
        return s;
    }

    private static Double json(double v) {
        return Double.isNaN(v) ? null : v;
    }

    /** Full-precision number; whole numbers without ".0"; NaN as an empty field. */
    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String field(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
