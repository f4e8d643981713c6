package dev.sieve.cli;

import dev.sieve.image.Planar;
import dev.sieve.image.io.ImageFiles;
import dev.sieve.image.io.SamplePhotos;
import dev.sieve.image.saliency.SaliencyMap;
import dev.sieve.nn.compress.CompressionEvaluation;
import dev.sieve.nn.compress.SemanticCompressor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
            "Without --map the saliency is auto: a background prior (boundary connectivity on superpixels), the MS-ROI map (eq. 2.5) of the built-in network msroi-scenes (or --saliency-model), the spectral residual, a centre prior, a focus cue (sharp edges before a defocused background) and, when their models are in --models-dir, the detectors objects and faces, fused and refined to object extent on SLIC superpixels (weights chosen on annotated photos; see the README); --saliency msroi|aug-msroi|rcam|spectral uses one map alone.",
            "A map that is empty, flat, a single point or everywhere is not trusted: compress falls back to the auto map, or to a plain JPEG, and says so (saliency_fallback in --json). With no INPUT, compresses the built-in Kodak photo kodim07.",
            "",
            "Several INPUTs or folders (searched recursively for images) need -d DIR: each becomes DIR/its path relative to its folder with .jpg, --jobs files at a time; one line per file (name, bytes, size against plain JPEG, luma PSNR) or its error, which does not stop the others, then a totals line; exit 1 if any file failed.",
            ""
        },
        footer = {"", "Examples: sieve compress photo.png -o photo.jpg --map photo-saliency.png --json",
            "          sieve compress photos/ -d small/ --jobs 4",
            "          cat photo.png | sieve compress - -o - > photo.jpg"})
public final class CompressCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "INPUT",
            description = "Images (PNG, JPEG, BMP, GIF, TIFF) or folders of them; - for standard input (then the JPEG goes to standard output unless -o is given); default: built-in kodim07.")
    List<Path> inputs;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.jpg",
            description = "Output JPEG of one INPUT, - for standard output (the report then goes to standard error) (default: INPUT's name with .sieve.jpg, in the current folder).")
    Path output;

    @Mixin
    BatchOptions batch;

    @Option(names = "--map", paramLabel = "MAP.png",
            description = "Saliency map, grayscale, white = salient; any size, stretched over the image.")
    Path map;

    @Mixin
    CompressOptions compressOptions;

    @Option(names = "--save-map", paramLabel = "FILE.png", description = "Also write the saliency map used, as a PNG.")
    Path saveMap;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws Exception {
        SemanticCompressor compressor = compressOptions.compressor();
        if (batch.isBatch(inputs)) {
            return compressAll(compressor);
        }
        Path input = inputs == null ? null : inputs.get(0);
        String name = input == null ? SamplePhotos.KODIM07 : ImageInput.isStdin(input) ? "stdin" : input.getFileName().toString();
        Path out = output != null ? output : ImageInput.isStdin(input) ? Path.of("-") : Path.of(CompressionEvaluation.stem(name) + ".sieve.jpg");
        ImageOutput.checkWritable(out, input, map);
        if (saveMap != null) {
            ImageOutput.checkWritable(saveMap, input, map, out);
        }
        Planar img = input == null ? SamplePhotos.kodim07() : ImageInput.read(input);
        SemanticCompressor.Outcome o;
        try (me.tongfei.progressbar.ProgressBar pb = Progress.bar("compress, encodes", -1, img.pixels() >= 2_000_000)) {
            o = compressor.compress(img, map == null ? null : SaliencyMap.read(map), String.valueOf(map), pb::step);
        }
        ImageOutput.write(o.result().jpeg(), out);
        if (saveMap != null && o.map() != null) {
            ImageFiles.writePng(o.map().resizedTo(img.width(), img.height()).toImage(), saveMap);
        }
        Map<String, Object> report = Json.document("compress");
        report.put("input", input == null ? "builtin:" + name : ImageInput.isStdin(input) ? "stdin" : input.toString());
        report.put("output", out.toString());
        report.putAll(compressor.report(img, o));
        PrintWriter pw = ImageOutput.reportStream(spec.commandLine(), out);
        if (json.json || !Progress.quiet()) {
            pw.println(json.json ? Json.write(report) : CompressText.report(report, o.result()));
            pw.flush();
        }
        if (!o.result().withinTolerance()) {
            Progress.say(spec.commandLine().getErr(), CompressText.sizeWarning(o.result(), compressor.options().tolerance()));
        }
        return 0;
    }

    /** Batch mode: every INPUT into {@code -d}, with one compressor (and saliency model) shared by the workers. */
    private int compressAll(SemanticCompressor compressor) throws Exception {
        if (map != null || saveMap != null) {
            throw new UsageError("--map and --save-map belong to one image; they cannot be used with several inputs or -d");
        }
        List<Batch.Item> items = batch.items(inputs, output, ".jpg");
        compressOptions.loadSaliencyModel();
        return Batch.run(spec.commandLine(), "compress", items, batch.jobs(), json.json, (in, out) -> {
            SemanticCompressor.FileOutcome f = compressor.compressFile(in, out);
            return new Batch.Result(f.report(), CompressText.line(in, out, f), f.outcome().result().jpeg().length);
        });
    }
}
