package dev.sieve.cli;

import dev.sieve.image.Planar;
import dev.sieve.image.io.AtomicFiles;
import dev.sieve.image.io.ImageFiles;
import dev.sieve.image.io.SamplePhotos;
import dev.sieve.image.saliency.MapTrust;
import dev.sieve.image.saliency.SaliencyMap;
import dev.sieve.jpeg.BlockQuality;
import dev.sieve.jpeg.Subsampling;
import dev.sieve.jpeg.Tune;
import dev.sieve.jpeg.semantic.SemanticJpeg;
import dev.sieve.jpeg.semantic.SemanticMode;
import dev.sieve.jpeg.semantic.SemanticOptions;
import dev.sieve.jpeg.semantic.SemanticReport;
import dev.sieve.jpeg.semantic.SemanticResult;
import dev.sieve.nn.saliency.SaliencyRecipe;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sieve compress}: semantic JPEG at the size of a plain JPEG (thesis ch. 2). */
@Command(
        name = "compress",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Semantic JPEG (thesis ch. 2): a standard JPEG that spends its bits on the salient regions of the photo, at the size of a plain JPEG (by default the same image at quality 50, within 1 %%).",
            "",
            "Modes: direct (default) encodes once, choosing every block's levels by rate-distortion optimization (trellis) that counts a block's error (1 + (W - 1)s)/sqrt(W) times, s its mean saliency, W = --saliency-weight; mosaic is the thesis' Algorithm 1 (blocks from JPEGs at Q_n = Q_l + n(Q_h - Q_l)/k, eq. 2.7, re-encoded at Q_f); plain is a JPEG without a map.",
            "",
            "Tunes: visual (default; psycho-visual tables (Annex K blended toward flat), trellis weighing each coefficient's error by its psycho-visual step), psnr (flat tables, trellis minimizing squared error with every component alike: best luma PSNR per byte, the convention of sieve metrics and mozjpeg -tune-psnr), psnr-rgb (the same minimizing RGB squared error: best RGB PSNR per byte), classic (Annex K tables, rounding: what cjpeg writes; direct mode then realizes the k levels of eq. 2.7 by per-block quantization).",
            "",
            "Without --map the saliency is auto: a background prior (boundary connectivity on superpixels), the MS-ROI map (eq. 2.5) of the built-in network msroi-scenes (or --saliency-model), the spectral residual and a centre prior, fused and refined to object extent on SLIC superpixels (weights chosen on annotated photos; see the README); --saliency msroi|aug-msroi|rcam|spectral uses one map alone.",
            "A map that is empty, flat, a single point or everywhere is not trusted: compress falls back to the auto map, or to a plain JPEG, and says so (saliency_fallback in --json). With no INPUT, compresses the built-in Kodak photo kodim07.",
            ""
        },
        footer = {"", "Example: sieve compress photo.png -o photo.jpg --map photo-saliency.png --json"})
public final class CompressCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "INPUT",
            description = "Image to compress (PNG, JPEG, BMP, GIF, TIFF), - for standard input (then the JPEG goes to standard output unless -o is given); default: built-in kodim07.")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.jpg",
            description = "Output JPEG, - for standard output (the report then goes to standard error) (default: INPUT's name with .sieve.jpg, in the current folder).")
    Path output;

    @Option(names = "--map", paramLabel = "MAP.png",
            description = "Saliency map, grayscale, white = salient; any size, stretched over the image.")
    Path map;

    @picocli.CommandLine.Mixin
    SaliencyOptions saliencyOptions;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "direct",
            description = "direct, mosaic or plain (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--quality", paramLabel = "Q",
            description = "Fix the quality instead of matching a size: plain at Q, mosaic re-encoded at Q_f = Q, direct with its top level at Q.")
    Double quality;

    @ArgGroup(exclusive = true)
    Target target = new Target();

    static final class Target {
        @Option(names = "--match-quality", paramLabel = "Q", defaultValue = "50",
                description = "Match the size of plain JPEG at this quality (default: ${DEFAULT-VALUE}).")
        double matchQuality = 50;

        @Option(names = "--target-bytes", paramLabel = "N", description = "Match this size in bytes instead.")
        Long targetBytes;
    }

    @Option(names = "--tune", paramLabel = "T", defaultValue = "visual",
            description = "visual, psnr, psnr-rgb or classic (default: ${DEFAULT-VALUE}); see above.")
    String tune;

    @Option(names = "--saliency-weight", paramLabel = "W", defaultValue = "4",
            description = "Direct mode (visual, psnr, psnr-rgb): the most salient blocks' error counts W times the least salient ones' (default: ${DEFAULT-VALUE}; 1 = no saliency).")
    double saliencyWeight;

    @Option(names = "--lambda-scale", paramLabel = "S", defaultValue = "1",
            description = "Multiply the trellis' rate-distortion trade-off λ (default: ${DEFAULT-VALUE}; the size search raises it when quality steps are too coarse).")
    double lambdaScale;

    @Option(names = "--levels", paramLabel = "K", defaultValue = "5", description = "Saliency levels k (default: ${DEFAULT-VALUE}).")
    int levels;

    @Option(names = "--q-low", paramLabel = "QL", defaultValue = "30", description = "Q_l of eq. 2.7 (default: ${DEFAULT-VALUE}).")
    double qLow;

    @Option(names = "--q-high", paramLabel = "QH", defaultValue = "70", description = "Q_h of eq. 2.7 (default: ${DEFAULT-VALUE}).")
    double qHigh;

    @Option(names = "--inclusive-levels",
            description = "Spread the levels from Q_l to Q_h inclusive (30,40,..,70 as in thesis sec. 2.5) instead of eq. 2.7 literally (30,38,..,62).")
    boolean inclusiveLevels;

    @Option(names = "--subsampling", paramLabel = "S", defaultValue = "420", description = "420 or 444 (default: ${DEFAULT-VALUE}).")
    String subsampling;

    @Option(names = "--progressive", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Progressive JPEG with the scan script searched per image for the smallest file (default; about 3.5 %% smaller"
                    + " than baseline); --no-progressive writes baseline sequential JPEG. The reference is written the same way.")
    boolean progressive;

    @Option(names = "--block-method", paramLabel = "M", defaultValue = "dead-zone",
            description = "How classic direct mode lowers a block's quality: dead-zone or requantize (default: ${DEFAULT-VALUE}).")
    String blockMethod;

    @Option(names = "--tolerance", paramLabel = "T", defaultValue = "0.01",
            description = "Relative size tolerance of the match (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--save-map", paramLabel = "FILE.png", description = "Also write the saliency map used, as a PNG.")
    Path saveMap;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        SemanticOptions options = options();
        saliencyOptions.validate();
        String name = input == null ? SamplePhotos.KODIM07 : ImageInput.isStdin(input) ? "stdin" : input.getFileName().toString();
        Path out = output != null ? output : ImageInput.isStdin(input) ? Path.of("-") : Path.of(stem(name) + ".sieve.jpg");
        if (!ImageOutput.isStdout(out)) {
            AtomicFiles.checkOutput(out, input, map);
        }
        if (saveMap != null) {
            AtomicFiles.checkOutput(saveMap, input, map, out);
        }
        Planar img = input == null ? SamplePhotos.kodim07() : ImageInput.read(input);
        long t0 = System.nanoTime();
        SaliencyMap saliency = null;
        String saliencySource = "none (plain JPEG)";
        String fallback = null;
        Object sources = null;
        if (map != null) {
            saliency = SaliencyMap.read(map);
            saliencySource = "map " + map;
            MapTrust.Verdict v = MapTrust.check(saliency);
            if (!v.trusted() && options.mode() != SemanticMode.PLAIN) {
                fallback = "map refused (" + v.reason() + "); encoding plain JPEG";
                saliency = null;
            }
        } else if (options.mode() != SemanticMode.PLAIN) {
            SaliencyRecipe.Result c = saliencyOptions.forEncoding(img);
            saliency = c.map();
            fallback = c.fallback();
            sources = c.description().get("sources");
            saliencySource = c.description().get("model") == null ? "spectral-residual (model-free)"
                    : c.description().get("method") + " " + c.description().get("model");
        }
        if (saliency == null && options.mode() != SemanticMode.PLAIN) {
            options = options.withMode(SemanticMode.PLAIN);
        }
        SemanticResult r;
        if (img.pixels() >= 2_000_000) {
            try (me.tongfei.progressbar.ProgressBar pb = Progress.bar("compress (encodes)", -1)) {
                r = SemanticJpeg.compress(img, saliency, options, pb::step);
            }
        } else {
            r = SemanticJpeg.compress(img, saliency, options);
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        ImageOutput.write(r.jpeg(), out);
        if (saveMap != null && saliency != null) {
            ImageFiles.writePng(saliency.resizedTo(img.width(), img.height()).toImage(), saveMap);
        }
        Map<String, Object> report = report(name, out, img, saliencySource, options, r, ms);
        if (sources != null) {
            report.put("saliency_sources", sources);
        }
        if (fallback != null) {
            report.put("saliency_fallback", fallback);
        }
        PrintWriter pw = ImageOutput.reportStream(spec.commandLine(), out);
        pw.println(json ? Json.write(report) : text(report, r));
        pw.flush();
        if (!r.withinTolerance()) {
            spec.commandLine().getErr().printf(Locale.ROOT, "sieve compress: warning: size is %+.2f %% off the target (tolerance %.2f %%)%n",
                    100 * r.sizeDeviation(), 100 * tolerance);
        }
        return 0;
    }

    private SemanticOptions options() throws java.io.IOException {
        SemanticMode m;
        BlockQuality.Method bm;
        try {
            m = SemanticMode.parse(mode);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--mode " + e.getMessage());
        }
        try {
            bm = BlockQuality.Method.parse(blockMethod);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--block-method " + e.getMessage());
        }
        if (quality != null && !(quality >= 1 && quality <= 100)) {
            throw new UsageError("--quality must be in 1..100, got " + quality);
        }
        if (target.targetBytes != null && target.targetBytes <= 0) {
            throw new UsageError("--target-bytes must be positive, got " + target.targetBytes);
        }
        if (!(saliencyWeight >= 1 && saliencyWeight <= 1e4)) {
            throw new UsageError("--saliency-weight must be in [1, 10000], got " + saliencyWeight);
        }
        if (!(lambdaScale > 0 && lambdaScale <= 1e3)) {
            throw new UsageError("--lambda-scale must be in (0, 1000], got " + lambdaScale);
        }
        var parsed = spec.commandLine().getParseResult();
        if (quality != null && (parsed.hasMatchedOption("--target-bytes") || parsed.hasMatchedOption("--match-quality"))) {
            throw new UsageError("--quality fixes the quality, so it cannot be combined with --target-bytes or --match-quality");
        }
        return UsageError.fromOptions(() -> new SemanticOptions(m, levels, qLow, qHigh, inclusiveLevels, target.matchQuality,
                target.targetBytes == null ? 0 : target.targetBytes, quality == null ? 0 : quality, tolerance,
                Subsampling.parse(subsampling), progressive, bm, Tune.parse(tune), saliencyWeight, lambdaScale));
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private Map<String, Object> report(String name, Path out, Planar img, String saliencySource, SemanticOptions o,
            SemanticResult r, double ms) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("input", input == null ? "builtin:" + name : ImageInput.isStdin(input) ? "stdin" : input.toString());
        m.put("output", out.toString());
        m.put("width", img.width());
        m.put("height", img.height());
        m.put("saliency", saliencySource);
        m.putAll(SemanticReport.fields(o, r));
        m.put("time_ms", Math.round(ms * 10) / 10.0);
        return m;
    }

    private static String text(Map<String, Object> m, SemanticResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s (%dx%d) -> %s%n", m.get("input"), m.get("width"), m.get("height"), m.get("output")));
        sb.append(String.format(Locale.ROOT, "mode       %s, saliency: %s%n", m.get("mode"), m.get("saliency")));
        if (m.get("saliency_sources") instanceof java.util.List<?> list) {
            StringBuilder src = new StringBuilder();
            for (Object o : list) {
                Map<?, ?> e = (Map<?, ?>) o;
                src.append(src.length() == 0 ? "" : ", ").append(e.get("source")).append(" x").append(e.get("weight"))
                        .append(Boolean.TRUE.equals(e.get("used")) ? "" : " (refused: " + e.get("refused") + ")");
            }
            sb.append("sources    ").append(src).append('\n');
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
