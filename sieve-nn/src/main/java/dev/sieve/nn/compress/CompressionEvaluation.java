package dev.sieve.nn.compress;

import dev.sieve.image.Planar;
import dev.sieve.image.io.AtomicFiles;
import dev.sieve.image.io.ImageFiles;
import dev.sieve.image.metrics.QualityReport;
import dev.sieve.image.saliency.SaliencyMap;
import dev.sieve.jpeg.eval.ExternalEncoder;
import dev.sieve.jpeg.eval.RateDistortionEvaluation;
import dev.sieve.jpeg.eval.RateDistortionEvaluation.Method;
import dev.sieve.jpeg.eval.RateDistortionEvaluation.Subject;
import dev.sieve.jpeg.eval.RateDistortionReport;
import dev.sieve.jpeg.eval.SemanticComparison;
import dev.sieve.jpeg.semantic.SemanticJpeg;
import dev.sieve.jpeg.semantic.SemanticMode;
import dev.sieve.jpeg.semantic.SemanticOptions;
import dev.sieve.nn.report.ReportJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The compression protocol of thesis Table 2.1 and Figures 2.1, 2.4–2.5 over a folder of images
 * ({@code sieve eval compression}; {@code sieve spark evaluate} runs {@link #compare} per image on Spark, and both
 * write their summary.json with {@link CompressionSummary}): per image, plain JPEG at the match quality,
 * then each semantic mode at that file's size (±1 %), all seven metrics of each decoded file against the
 * original ({@link SemanticComparison}); optionally the rate–distortion protocol of
 * {@link RateDistortionEvaluation} against external encoders.
 */
public final class CompressionEvaluation {
    /** The file name extensions read as images (lower case). */
    public static final List<String> IMAGE_EXTENSIONS = List.of("png", "jpg", "jpeg", "bmp", "gif", "tif", "tiff");

    /** The saliency map of an image (it guides the modes and defines PSNR-S). */
    @FunctionalInterface
    public interface Maps {
        SaliencyMap of(Planar img) throws IOException;
    }

    /**
     * Thesis Figure 2.1's material for one image: the same square window of the original and of each
     * decoded file, with a label each.
     *
     * @param image the image's file name stem
     * @param zoom  nearest-neighbour magnification for display (2 for windows under 128 px)
     */
    public record Crop(String image, List<String> labels, List<Planar> tiles, int zoom) {
    }

    /**
     * The evaluation of a folder.
     *
     * @param images  per image: name, width, height, sha256 and map_sha256 (null without a map file)
     * @param rows    per image and method, methods in {@link SemanticComparison.Config#methods} order
     * @param crops   Figure 2.1 windows, one per image
     * @param rd      the rate–distortion report, or null without baselines
     */
    public record Result(SemanticComparison.Config config, List<Map<String, Object>> images, List<SemanticComparison.Row> rows,
            List<Crop> crops, RateDistortionReport rd) {
        /** Means per method ({@link SemanticComparison#means}), in method order. */
        public Map<String, Map<String, Object>> means() {
            Map<String, Map<String, Object>> means = new LinkedHashMap<>();
            for (String m : config.methods()) {
                means.put(m, SemanticComparison.means(rows.stream().filter(r -> r.method().equals(m)).toList()));
            }
            return means;
        }

        /** Per semantic mode, PSNR-HVS of the mode minus that of plain JPEG, one value per image (dB; Figures 2.4/2.5). */
        public Map<String, double[]> psnrHvsDifferences() {
            Map<String, double[]> diff = new LinkedHashMap<>();
            List<String> methods = config.methods();
            for (String m : methods.subList(1, methods.size())) {
                double[] v = new double[images.size()];
                for (int i = 0; i < images.size(); i++) {
                    String image = (String) images.get(i).get("name");
                    v[i] = find(image, m).quality().psnrHvs() - find(image, "plain").quality().psnrHvs();
                }
                diff.put(m, v);
            }
            return diff;
        }

        /** results.csv: one line per image and method. */
        public String csv() {
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

        /**
         * Writes the report files into {@code out} (created if missing): results.csv ({@link #csv}), summary.json
         * ({@code summary}, see {@link CompressionSummary}) and, with rate–distortion, rd.csv, bd.csv and equal_bytes.csv.
         */
        public void write(Path out, Map<String, Object> summary) throws IOException {
            Files.createDirectories(out);
            AtomicFiles.write(out.resolve("results.csv"), csv().getBytes(StandardCharsets.UTF_8));
            if (rd != null) {
                rd.writeCsv(out);
            }
            ReportJson.writeFile(out.resolve("summary.json"), summary);
        }

        private SemanticComparison.Row find(String image, String method) {
            return rows.stream().filter(r -> r.image().equals(image) && r.method().equals(method)).findFirst().orElseThrow();
        }
    }

    private final SemanticComparison.Config config;
    private final RateDistortionEvaluation rd;

    /** @param rd the rate–distortion protocol run beside Table 2.1, or null */
    public CompressionEvaluation(SemanticComparison.Config config, RateDistortionEvaluation rd) {
        this.config = config;
        this.rd = rd;
    }

    /** Progress steps of {@link #run}: one per image, plus one per rate–distortion encode. */
    public long steps(int images) {
        return (long) images * (1 + (rd == null ? 0 : rd.encodesPerImage()));
    }

    /**
     * Evaluates {@code images}; an image's map is read from {@code mapFiles} (same order; null entries or a
     * null list: computed with {@code maps}). {@code step} is called {@link #steps} times, {@code phase} with each image's name.
     */
    public Result run(List<Path> images, List<Path> mapFiles, Maps maps, Runnable step, Consumer<String> phase) throws IOException {
        if (rd != null) {
            probe(rd);
        }
        List<SemanticComparison.Row> rows = new ArrayList<>();
        List<RateDistortionEvaluation.ImageResult> rdResults = new ArrayList<>();
        List<Crop> crops = new ArrayList<>();
        List<Map<String, Object>> identities = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            Path file = images.get(i);
            Path mapFile = mapFiles == null ? null : mapFiles.get(i);
            String name = file.getFileName().toString();
            phase.accept(name);
            Planar img = ImageFiles.read(file);
            SaliencyMap map = mapFile != null ? SaliencyMap.read(mapFile) : maps.of(img);
            identities.add(identity(file, img, mapFile));
            List<SemanticComparison.Encoded> encoded = compare(name, img, map);
            encoded.forEach(e -> rows.add(e.row()));
            crops.add(crop(stem(name), img, map, encoded));
            step.run();
            if (rd != null) {
                rdResults.add(rd.evaluate(new Subject(name, img, map), step));
            }
        }
        return new Result(config, identities, rows, crops, rd == null ? null : rd.report(rdResults));
    }

    /**
     * Table 2.1's protocol on one image: plain JPEG at the match quality, then each mode at that file's size,
     * each decoded and measured against {@code img} ({@code map} guides the modes and defines PSNR-S); what
     * {@link #run} and the Spark evaluate job do per image.
     */
    public List<SemanticComparison.Encoded> compare(String name, Planar img, SaliencyMap map) {
        return SemanticComparison.run(name, img, map, config);
    }

    /**
     * The rate–distortion protocol against {@code baselines}: Sieve's {@link #sieveMethods} and each baseline at
     * every quality of {@code sweep} (null: {@link RateDistortionEvaluation#DEFAULT_SWEEP}). A bad sweep or a
     * baseline named like another method is an {@link IllegalArgumentException}.
     */
    public static RateDistortionEvaluation rateDistortion(SemanticComparison.Config c, List<Double> sweep, List<ExternalEncoder> baselines) {
        RateDistortionEvaluation.Config config = RateDistortionEvaluation.Config.defaults()
                .withSweep(sweep == null ? RateDistortionEvaluation.DEFAULT_SWEEP : sweep)
                .withReferenceQuality(c.matchQuality()).withThreshold(c.threshold()).withChannels(c.channels());
        List<Method> methods = new ArrayList<>(sieveMethods(c));
        for (ExternalEncoder e : baselines) {
            Method taken = methods.stream().filter(m -> m.name().equals(e.name())).findFirst().orElse(null);
            if (taken != null) {
                throw new IllegalArgumentException("the baseline name '" + e.name() + "' is taken by "
                        + (taken.kind() == RateDistortionEvaluation.Kind.SIEVE ? "a Sieve method" : "another baseline"));
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
    public static List<Method> sieveMethods(SemanticComparison.Config c) {
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

    /**
     * The protocol's parameters in report form (snake_case): match quality, modes, tune, progressive, saliency
     * weight, the encoder's levels, qualities and size tolerance, metric channels and PSNR-S threshold; with a
     * rate–distortion protocol also its sweep and baselines.
     */
    public static Map<String, Object> parameters(SemanticComparison.Config c, RateDistortionEvaluation rd) {
        Map<String, Object> params = new LinkedHashMap<>();
        List<String> methods = c.methods();
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
                    .map(m -> {
                        Map<String, Object> b = new LinkedHashMap<>();
                        b.put("name", m.name());
                        b.put("command", m.description());
                        return b;
                    }).toList());
        }
        return params;
    }

    /** The means per method in thesis Table 2.1's layout: {@code columns} (the metric names) and {@code rows} (method → values). */
    public static Map<String, Object> table(Map<String, Map<String, Object>> means) {
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("columns", List.of("PSNR-S", "PSNR", "PSNR-HVS", "PSNR-HVSM", "SSIM", "MS-SSIM", "VIFP"));
        Map<String, Object> tableRows = new LinkedHashMap<>();
        means.forEach((method, m) -> {
            List<Object> values = new ArrayList<>();
            for (String k : QualityReport.KEYS) {
                values.add(m.get(k));
            }
            tableRows.put(method, values);
        });
        table.put("rows", tableRows);
        return table;
    }

    /** Refuses a report folder {@code out} that is a file or the image folder {@code dir} itself. */
    public static void checkReportFolder(Path out, Path dir) throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IOException(out + ": exists and is not a folder");
        }
        if (Files.isDirectory(out) && Files.isSameFile(out, dir)) {
            throw new IOException(out + ": the report folder must not be the image folder");
        }
    }

    /** The images of {@code dir} with an image extension, sorted (not recursive); none is an {@link IOException}. */
    public static List<Path> listImages(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + ": " + (Files.exists(dir) ? "is not a folder" : "no such folder"));
        }
        List<Path> images;
        try (Stream<Path> s = Files.list(dir)) {
            images = s.filter(Files::isRegularFile).filter(p -> Set.copyOf(IMAGE_EXTENSIONS).contains(extension(p))).sorted().toList();
        }
        if (images.isEmpty()) {
            throw new IOException(dir + ": no images (" + String.join(", ", IMAGE_EXTENSIONS) + ")");
        }
        return images;
    }

    /** The map of each image in {@code mapDir}: STEM.png, or another image extension with the same stem; a missing map is an {@link IOException}. */
    public static List<Path> mapFiles(List<Path> images, Path mapDir) throws IOException {
        if (!Files.isDirectory(mapDir)) {
            throw new IOException(mapDir + ": " + (Files.exists(mapDir) ? "is not a folder" : "no such folder"));
        }
        List<Path> maps = new ArrayList<>();
        for (Path image : images) {
            String stem = stem(image.getFileName().toString());
            Path found = IMAGE_EXTENSIONS.stream().map(ext -> mapDir.resolve(stem + "." + ext)).filter(Files::isRegularFile).findFirst()
                    .orElseThrow(() -> new IOException(mapDir.resolve(stem + ".png") + ": no saliency map for " + image));
            maps.add(found);
        }
        return maps;
    }

    /** Runs each baseline once on a small image so a broken command fails before the long work starts. */
    public static void probe(RateDistortionEvaluation rd) throws IOException {
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

    private Crop crop(String stem, Planar img, SaliencyMap map, List<SemanticComparison.Encoded> encoded) {
        List<String> labels = new ArrayList<>(List.of("original"));
        List<Planar> decoded = new ArrayList<>(List.of(img));
        for (SemanticComparison.Encoded e : encoded) {
            decoded.add(e.decoded());
            labels.add(e.row().method().equals("plain")
                    ? String.format(Locale.ROOT, "plain Q%s, %d B", fmt(config.matchQuality()), e.row().bytes())
                    : String.format(Locale.ROOT, "%s, %d B", e.row().method(), e.row().bytes()));
        }
        int side = Math.max(8, Math.min(192, Math.min(img.width(), img.height()) / 8 * 8 / 2));
        int[] xy = mostSalientWindow(map, img.width(), img.height(), side);
        List<Planar> tiles = decoded.stream().map(p -> window(p, xy[0], xy[1], side)).toList();
        return new Crop(stem, labels, tiles, side < 128 ? 2 : 1);
    }

    /**
     * The square window of side {@code side} (on an 8-pixel grid) with the highest mean saliency:
     * {x, y}.
     */
    static int[] mostSalientWindow(SaliencyMap map, int w, int h, int side) {
        float[] v = map.resizedTo(w, h).values();
        double[] integral = new double[(w + 1) * (h + 1)];
        for (int y = 0; y < h; y++) {
            double row = 0;
            for (int x = 0; x < w; x++) {
                row += v[y * w + x];
                integral[(y + 1) * (w + 1) + x + 1] = integral[y * (w + 1) + x + 1] + row;
            }
        }
        int bestX = 0, bestY = 0;
        double best = -1;
        for (int y = 0; y + side <= h; y += 8) {
            for (int x = 0; x + side <= w; x += 8) {
                double s = integral[(y + side) * (w + 1) + x + side] - integral[y * (w + 1) + x + side]
                        - integral[(y + side) * (w + 1) + x] + integral[y * (w + 1) + x];
                if (s > best) {
                    best = s;
                    bestX = x;
                    bestY = y;
                }
            }
        }
        return new int[] {bestX, bestY};
    }

    private static Planar window(Planar p, int x0, int y0, int side) {
        float[][] planes = new float[p.channels()][side * side];
        for (int c = 0; c < p.channels(); c++) {
            float[] src = p.plane(c);
            for (int y = 0; y < side; y++) {
                System.arraycopy(src, (y0 + y) * p.width() + x0, planes[c], y * side, side);
            }
        }
        return new Planar(side, side, planes);
    }

    private static Map<String, Object> identity(Path file, Planar img, Path map) throws IOException {
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

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String extension(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The file name without its extension. */
    public static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
