package dev.sieve.cli;

import dev.sieve.image.Planar;
import dev.sieve.image.io.AtomicFiles;
import dev.sieve.image.io.ImageFiles;
import dev.sieve.image.metrics.Channels;
import dev.sieve.image.metrics.QualityReport;
import dev.sieve.image.saliency.SaliencyMap;
import dev.sieve.jpeg.eval.ExternalEncoder;
import dev.sieve.jpeg.eval.RateDistortionEvaluation;
import dev.sieve.jpeg.eval.SemanticComparison;
import dev.sieve.jpeg.eval.RateDistortionEvaluation.Method;
import dev.sieve.jpeg.eval.RateDistortionEvaluation.Subject;
import dev.sieve.jpeg.eval.RateDistortionReport;
import dev.sieve.jpeg.eval.RdMetric;
import dev.sieve.jpeg.semantic.SemanticJpeg;
import dev.sieve.jpeg.semantic.SemanticMode;
import dev.sieve.jpeg.semantic.SemanticOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sieve eval compression}: the thesis' Table 2.1 and Figures 2.1, 2.4–2.5 on a folder of
 * images. Per image: plain JPEG at the match quality, then each semantic mode at that file's size
 * (±1 %), all seven metrics of each decoded file against the original, bytes and encode time.
 * With {@code --baseline}, also the rate–distortion protocol of {@link RateDistortionEvaluation}
 * against external encoders (Sieve's plain mode and each semantic mode at the size of classic plain
 * JPEG at each sweep quality), written beside the Table 2.1 report.
 */
@Command(
        name = "compression",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Semantic vs plain JPEG on a folder: thesis Table 2.1, Figures 2.1, 2.4, 2.5.",
            "",
            "Per image in DIR: plain JPEG at --match-quality, then each of --modes at the same size (within 1 %%);"
                    + " all seven metrics (see sieve metrics), bytes and encode time.",
            "",
            "Writes REPORT_DIR/results.csv (one row per image and method), summary.json (parameters, data identity,"
                    + " means per method in Table 2.1 layout), psnr_hvs_difference.png (Fig. 2.4/2.5) and"
                    + " crops/NAME.png (the most salient region of each image, Fig. 2.1).",
            "",
            "Saliency: MAPS/NAME.png for image NAME.ext with --map-dir (used for encoding and PSNR-S), else the map"
                    + " --saliency computes, as sieve compress does (default: auto), used as it is (compress would refuse an untrusted map).",
            "",
            "Rate-distortion vs other encoders (with one or more --baseline, in addition to the above): every method runs"
                    + " at each quality q of --sweep: 'plain' (plain mode, --tune) and each of --modes match the size of"
                    + " classic plain JPEG at q (within 1 %%), a baseline runs its command with {q}. Each file is decoded and measured"
                    + " (bytes, bpp, PSNR, PSNR-S, SSIM, MS-SSIM). Per image and as means over images: BD-rate (%%, negative ="
                    + " Sieve needs fewer bytes) and BD-quality (metric units; BD-PSNR for PSNR) of each Sieve method against"
                    + " each baseline (piecewise cubic, PCHIP over log rate), and the equal-bytes table: Sieve's file at"
                    + " --match-quality against the baseline's metric interpolated at exactly that byte count (never"
                    + " extrapolated). Adds rd.csv, bd.csv, equal_bytes.csv, rd.png (PSNR vs bpp), rd_psnr_s.png and a"
                    + " rate_distortion block in summary.json, and prints a summary table.",
            "",
            "Example:",
            "  sieve eval compression photos/ --map-dir maps/ --out report/ \\",
            "    --baseline 'cjpeg=cjpeg -optimize -quality {q}' \\",
            "    --baseline 'mozjpeg=/opt/mozjpeg/bin/cjpeg -quality {q}'"
        })
public final class EvalCompressionCommand implements Callable<Integer> {
    private static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif", "tif", "tiff");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Folder of images (PNG, JPEG, BMP, GIF, TIFF; not searched recursively).")
    Path dir;

    @Option(names = "--out", required = true, paramLabel = "REPORT_DIR", description = "Folder for the report (created if missing).")
    Path out;

    @picocli.CommandLine.Mixin
    SaliencyOptions saliencyOptions;

    @Option(names = "--map-dir", paramLabel = "MAPS", description = "Folder of saliency maps MAPS/NAME.png, one per image.")
    Path mapDir;

    @picocli.CommandLine.Mixin
    ComparisonOptions comparison;

    @Option(names = "--baseline", paramLabel = "NAME=COMMAND",
            description = {"An external JPEG encoder to compare with (repeatable); turns on the rate-distortion report.",
                "COMMAND is split like a shell would (quotes, backslash; no shell runs) and must contain {q}, the quality."
                        + " The image goes to its standard input as binary PPM (PGM for grayscale) and the JPEG is read"
                        + " from its standard output, unless COMMAND names temporary files with {in} and {out}."})
    List<String> baselineSpecs = new ArrayList<>();

    @Option(names = "--sweep", paramLabel = "Q", split = ",",
            description = "Qualities of the rate-distortion sweep, 1-100 (default: 30,40,50,60,70,80,90); --match-quality"
                    + " is added when missing. Needs --baseline.")
    List<Double> sweep;

    @Option(names = "--baseline-timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "Time limit of one baseline encode (default: ${DEFAULT-VALUE}).")
    double baselineTimeout;

    @Override
    public Integer call() throws Exception {
        saliencyOptions.validate();
        SemanticComparison.Config c = comparison.config();
        RateDistortionEvaluation rd = rateDistortion(c);
        List<Path> images = listImages();
        List<Path> maps = new ArrayList<>();
        for (Path img : images) {
            maps.add(mapDir == null ? null : mapFor(img));
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IOException(out + ": exists and is not a folder");
        }
        if (Files.isDirectory(out) && Files.isSameFile(out, dir)) {
            throw new IOException(out + ": the report folder must not be the image folder");
        }
        if (rd != null) {
            probe(rd);
        }

        List<SemanticComparison.Row> rows = new ArrayList<>();
        List<RateDistortionEvaluation.ImageResult> rdResults = new ArrayList<>();
        Map<String, byte[]> crops = new LinkedHashMap<>();
        List<Map<String, Object>> files = new ArrayList<>();
        long steps = (long) images.size() * (1 + (rd == null ? 0 : rd.encodesPerImage()));
        try (ProgressBar bar = Progress.bar("eval compression", steps)) {
            for (int i = 0; i < images.size(); i++) {
                Path file = images.get(i);
                String name = file.getFileName().toString();
                bar.setExtraMessage(name);
                Planar img = ImageFiles.read(file);
                SaliencyMap map = maps.get(i) != null ? SaliencyMap.read(maps.get(i))
                        : saliencyOptions.compute(img).map();
                files.add(fileIdentity(file, img, maps.get(i)));

                List<String> labels = new ArrayList<>(List.of("original"));
                List<Planar> decoded = new ArrayList<>(List.of(img));
                for (SemanticComparison.Encoded e : SemanticComparison.run(name, img, map, c)) {
                    rows.add(e.row());
                    decoded.add(e.decoded());
                    labels.add(e.row().method().equals("plain")
                            ? String.format(Locale.ROOT, "plain Q%s, %d B", fmt(c.matchQuality()), e.row().bytes())
                            : String.format(Locale.ROOT, "%s, %d B", e.row().method(), e.row().bytes()));
                }
                int side = Math.max(8, Math.min(192, Math.min(img.width(), img.height()) / 8 * 8 / 2));
                int[] xy = CompressionPlots.mostSalientWindow(map, img.width(), img.height(), side);
                crops.put(stem(name), CompressionPlots.sideBySide(labels, decoded, xy[0], xy[1], side, side < 128 ? 2 : 1));
                bar.step();
                if (rd != null) {
                    rdResults.add(rd.evaluate(new Subject(name, img, map), bar::step));
                }
            }
        }
        write(rows, crops, files, c, images, rd == null ? null : rd.report(rdResults));
        return 0;
    }

    /** The rate-distortion protocol of the --baseline options, or null without any; usage errors exit 2. */
    private RateDistortionEvaluation rateDistortion(SemanticComparison.Config c) {
        if (baselineSpecs.isEmpty()) {
            if (sweep != null) {
                throw new ParameterException(spec.commandLine(), "--sweep needs at least one --baseline");
            }
            return null;
        }
        if (!(baselineTimeout > 0 && baselineTimeout <= 86400)) {
            throw new ParameterException(spec.commandLine(), "--baseline-timeout must be in (0, 86400] seconds, got "
                    + baselineTimeout);
        }
        RateDistortionEvaluation.Config config;
        try {
            config = RateDistortionEvaluation.Config.defaults()
                    .withSweep(sweep == null ? RateDistortionEvaluation.DEFAULT_SWEEP : sweep)
                    .withReferenceQuality(c.matchQuality()).withThreshold(c.threshold()).withChannels(c.channels());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--sweep: " + e.getMessage());
        }
        List<Method> methods = new ArrayList<>(sieveMethods(c));
        for (String b : baselineSpecs) {
            ExternalEncoder e;
            try {
                e = ExternalEncoder.parse(b).withTimeout(Duration.ofMillis(Math.max(1, Math.round(baselineTimeout * 1000))));
            } catch (IllegalArgumentException ex) {
                throw new ParameterException(spec.commandLine(), "--baseline: " + ex.getMessage());
            }
            Method taken = methods.stream().filter(m -> m.name().equals(e.name())).findFirst().orElse(null);
            if (taken != null) {
                throw new ParameterException(spec.commandLine(), "--baseline: the name '" + e.name() + "' is taken by "
                        + (taken.kind() == RateDistortionEvaluation.Kind.SIEVE ? "a Sieve method" : "another --baseline"));
            }
            methods.add(Method.baseline(e));
        }
        return new RateDistortionEvaluation(config, methods);
    }

    /**
     * Sieve's side of the rate-distortion protocol: {@code plain} (plain mode in the chosen tune) and
     * each semantic mode at the size of classic plain JPEG at quality q (±1 %), the thesis' protocol
     * at every q.
     */
    private static List<Method> sieveMethods(SemanticComparison.Config c) {
        List<Method> methods = new ArrayList<>();
        List<SemanticMode> all = new ArrayList<>(List.of(SemanticMode.PLAIN));
        all.addAll(c.modes());
        for (SemanticMode m : all) {
            String name = m.name().toLowerCase(Locale.ROOT);
            String tuned = m == SemanticMode.MOSAIC ? "classic" : c.tune().toString();
            methods.add(Method.sieve(name, name + " mode (" + tuned + " tune) at the size of classic plain JPEG at quality q (within 1 %)",
                    (s, q) -> SemanticJpeg.compress(s.image(), m == SemanticMode.PLAIN ? null : s.map(), c.options(m, q)).jpeg()));
        }
        return methods;
    }

    /** Runs each baseline once on a small image so a broken command fails before the long work starts. */
    private static void probe(RateDistortionEvaluation rd) throws IOException {
        Planar probe = Planar.zeros(16, 16, 3);
        for (int c = 0; c < 3; c++) {
            float[] p = probe.plane(c);
            for (int i = 0; i < p.length; i++) {
                p[i] = (i * 37 + c * 80) % 256;
            }
        }
        for (Method m : rd.methods()) {
            if (m.kind() == RateDistortionEvaluation.Kind.BASELINE) {
                m.codec().encode(new Subject("probe", probe, null), rd.config().sweep().get(0));
            }
        }
    }

    private void write(List<SemanticComparison.Row> rows, Map<String, byte[]> crops, List<Map<String, Object>> files,
            SemanticComparison.Config c, List<Path> images, RateDistortionReport rd) throws IOException {
        Files.createDirectories(out);
        AtomicFiles.write(out.resolve("results.csv"), csv(rows).getBytes(StandardCharsets.UTF_8));

        List<String> methods = c.methods();
        Map<String, Map<String, Object>> means = new LinkedHashMap<>();
        for (String m : methods) {
            means.put(m, SemanticComparison.means(rows.stream().filter(r -> r.method().equals(m)).toList()));
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("command", "sieve eval compression");
        summary.put("software", new Sieve.Version().getVersion()[0]);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("dir", dir.toString());
        params.put("map_dir", mapDir == null ? null : mapDir.toString());
        params.put("saliency", mapDir == null ? saliencyOptions.describe() : "maps from map_dir");
        params.put("match_quality", c.matchQuality());
        params.put("modes", methods.subList(1, methods.size()));
        params.put("tune", c.tune().toString());
        params.put("progressive", c.progressive());
        params.put("saliency_weight", c.saliencyWeight());
        SemanticOptions d = SemanticOptions.defaults(SemanticMode.DIRECT);
        params.put("levels", d.levels());
        params.put("q_low", d.qLow());
        params.put("q_high", d.qHigh());
        params.put("size_tolerance", d.tolerance());
        params.put("subsampling", d.subsampling().toString());
        params.put("metrics_channels", c.channels().name().toLowerCase(Locale.ROOT));
        params.put("psnr_s_threshold", c.threshold());
        if (rd != null) {
            params.put("sweep", rd.config().sweep());
            params.put("baselines", rd.methods().stream().filter(m -> m.kind() == RateDistortionEvaluation.Kind.BASELINE)
                    .map(m -> Map.of("name", m.name(), "command", m.description())).toList());
            params.put("baseline_timeout_s", baselineTimeout);
        }
        summary.put("parameters", params);
        summary.put("images", files);
        summary.put("means", means);
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("columns", List.of("PSNR-S", "PSNR", "PSNR-HVS", "PSNR-HVSM", "SSIM", "MS-SSIM", "VIFP"));
        Map<String, Object> tableRows = new LinkedHashMap<>();
        for (String m : methods) {
            List<Object> values = new ArrayList<>();
            for (String k : QualityReport.KEYS) {
                values.add(means.get(m).get(k));
            }
            tableRows.put(m, values);
        }
        table.put("rows", tableRows);
        summary.put("table_2_1", table);
        if (rd != null) {
            summary.put("rate_distortion", rd.summary());
            rd.writeCsv(out);
            for (RdMetric k : List.of(RdMetric.PSNR, RdMetric.PSNR_S)) {
                byte[] png = CompressionPlots.rateDistortion(rd, k);
                if (png != null) {
                    AtomicFiles.write(out.resolve(k == RdMetric.PSNR ? "rd.png" : "rd_psnr_s.png"), png);
                }
            }
        }
        AtomicFiles.write(out.resolve("summary.json"), (Json.write(summary) + "\n").getBytes(StandardCharsets.UTF_8));

        List<String> names = images.stream().map(p -> stem(p.getFileName().toString())).toList();
        Map<String, double[]> diff = new LinkedHashMap<>();
        for (String m : methods.subList(1, methods.size())) {
            double[] v = new double[images.size()];
            for (int i = 0; i < images.size(); i++) {
                String image = images.get(i).getFileName().toString();
                v[i] = find(rows, image, m).quality().psnrHvs() - find(rows, image, "plain").quality().psnrHvs();
            }
            diff.put(m, v);
        }
        if (!diff.isEmpty()) {
            AtomicFiles.write(out.resolve("psnr_hvs_difference.png"),
                    CompressionPlots.psnrHvsDifference(names, diff, c.matchQuality()));
        }
        Path cropDir = Files.createDirectories(out.resolve("crops"));
        for (Map.Entry<String, byte[]> crop : crops.entrySet()) {
            AtomicFiles.write(cropDir.resolve(crop.getKey() + ".png"), crop.getValue());
        }
        printTable(spec.commandLine().getOut(), methods, means, images.size(), c.channels(), out.toString());
        if (rd != null) {
            printRateDistortion(rd);
        }
    }

    /** Means over images: equal-bytes differences and BD-rates on PSNR and PSNR-S, per Sieve method and baseline. */
    private void printRateDistortion(RateDistortionReport rd) {
        PrintWriter pw = spec.commandLine().getOut();
        pw.printf(Locale.ROOT, "%nRate-distortion vs baselines, %d images, q %s, means over images:%n", rd.images().size(),
                String.join(",", rd.config().sweep().stream().map(ExternalEncoder::formatQuality).toList()));
        pw.printf(Locale.ROOT, "  dPSNR = Sieve - baseline at the size of Sieve's file at Q%s (dB, + = Sieve better);"
                + " BD-rate in %% (- = Sieve needs fewer bytes)%n", fmt(rd.config().referenceQuality()));
        pw.printf(Locale.ROOT, "%-8s %-12s %10s %8s %9s %13s %15s%n", "method", "baseline", "bytes", "dPSNR", "dPSNR-S",
                "BD-rate PSNR", "BD-rate PSNR-S");
        boolean missing = false;
        for (String m : rd.sieveMethods()) {
            for (String b : rd.baselines()) {
                RateDistortionReport.EqualBytesRow e = rd.meanEqualBytes(m, b, RdMetric.PSNR);
                String[] v = {Double.isNaN(e.bytes()) ? "n/a" : String.format(Locale.ROOT, "%.0f", e.bytes()),
                    signed(e.difference(), 2), signed(rd.meanEqualBytes(m, b, RdMetric.PSNR_S).difference(), 2),
                    signed(rd.meanBd(m, b, RdMetric.PSNR).bdRatePercent(), 1),
                    signed(rd.meanBd(m, b, RdMetric.PSNR_S).bdRatePercent(), 1)};
                missing |= List.of(v).contains("n/a");
                pw.printf(Locale.ROOT, "%-8s %-12s %10s %8s %9s %13s %15s%n", m, b, v[0], v[1], v[2], v[3], v[4]);
            }
        }
        if (missing) {
            pw.printf(Locale.ROOT, "n/a: no image had the value; the note columns of equal_bytes.csv and bd.csv say why%n");
        }
        pw.flush();
    }

    private static String signed(double v, int digits) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%+." + digits + "f", v);
    }

    /** The means per method in Table 2.1 layout, with bytes and encode time (also printed by sieve spark evaluate). */
    static void printTable(PrintWriter pw, List<String> methods, Map<String, Map<String, Object>> means, int n, Channels channels,
            String report) {
        pw.printf(Locale.ROOT, "%d images, %s metrics, means (thesis Table 2.1 layout); report in %s%n", n,
                channels == Channels.LUMA ? "luma" : "RGB", report);
        pw.printf(Locale.ROOT, "%-8s %8s %8s %9s %10s %7s %8s %7s %10s %10s%n", "method", "PSNR-S", "PSNR", "PSNR-HVS",
                "PSNR-HVSM", "SSIM", "MS-SSIM", "VIFP", "bytes", "encode ms");
        for (String m : methods) {
            Map<String, Object> v = means.get(m);
            pw.printf(Locale.ROOT, "%-8s %8s %8s %9s %10s %7s %8s %7s %10.0f %10.1f%n", m, num(v.get("psnr_s"), 2),
                    num(v.get("psnr"), 2), num(v.get("psnr_hvs"), 2), num(v.get("psnr_hvsm"), 2), num(v.get("ssim"), 4),
                    num(v.get("ms_ssim"), 4), num(v.get("vifp"), 4), (double) v.get("bytes"), (double) v.get("encode_ms"));
        }
        pw.flush();
    }

    private static String num(Object v, int digits) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%." + digits + "f", (double) v);
    }

    private static SemanticComparison.Row find(List<SemanticComparison.Row> rows, String image, String method) {
        return rows.stream().filter(r -> r.image().equals(image) && r.method().equals(method)).findFirst().orElseThrow();
    }

    private static String csv(List<SemanticComparison.Row> rows) {
        StringBuilder sb = new StringBuilder("image,width,height,method,bytes,target_bytes,size_deviation,within_tolerance,"
                + "final_quality,encode_ms");
        for (String k : QualityReport.KEYS) {
            sb.append(',').append(k);
        }
        sb.append('\n');
        for (SemanticComparison.Row r : rows) {
            sb.append(csvField(r.image())).append(',').append(r.width()).append(',').append(r.height()).append(',')
                    .append(r.method()).append(',').append(r.bytes()).append(',')
                    .append(r.targetBytes() == 0 ? "" : Long.toString(r.targetBytes())).append(',')
                    .append(r.targetBytes() == 0 ? "" : String.format(Locale.ROOT, "%.5f", r.sizeDeviation())).append(',')
                    .append(r.withinTolerance()).append(',')
                    .append(String.format(Locale.ROOT, "%.3f", r.finalQuality())).append(',')
                    .append(String.format(Locale.ROOT, "%.1f", r.encodeMs()));
            for (double v : r.quality().values()) {
                sb.append(',').append(Double.isNaN(v) ? "" : Double.isInfinite(v) ? "Infinity" : Double.toString(v));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private List<Path> listImages() throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + ": " + (Files.exists(dir) ? "is not a folder" : "no such folder"));
        }
        List<Path> images;
        try (Stream<Path> s = Files.list(dir)) {
            images = s.filter(Files::isRegularFile).filter(p -> IMAGE_EXTENSIONS.contains(extension(p))).sorted().toList();
        }
        if (images.isEmpty()) {
            throw new IOException(dir + ": no images (png, jpg, jpeg, bmp, gif, tif, tiff)");
        }
        return images;
    }

    /** MAPS/STEM.png, or another image extension with the same stem; missing maps are an error. */
    private Path mapFor(Path image) throws IOException {
        if (!Files.isDirectory(mapDir)) {
            throw new IOException(mapDir + ": " + (Files.exists(mapDir) ? "is not a folder" : "no such folder"));
        }
        String stem = stem(image.getFileName().toString());
        for (String ext : List.of("png", "jpg", "jpeg", "bmp", "gif", "tif", "tiff")) {
            Path p = mapDir.resolve(stem + "." + ext);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IOException(mapDir.resolve(stem + ".png") + ": no saliency map for " + image);
    }

    private static Map<String, Object> fileIdentity(Path file, Planar img, Path map) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", file.getFileName().toString());
        m.put("width", img.width());
        m.put("height", img.height());
        m.put("sha256", sha256(file));
        m.put("map_sha256", map == null ? null : sha256(map));
        return m;
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String extension(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
