package dev.sieve.cli;

import dev.sieve.image.Planar;
import dev.sieve.image.io.AtomicFiles;
import dev.sieve.image.io.ImageFiles;
import dev.sieve.image.saliency.HeatOverlay;
import dev.sieve.image.saliency.SaliencyMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sieve saliency}: the MS-ROI, Aug-MSROI, R-CAM, spectral-residual or detector saliency map of an image, as a PNG. */
@Command(
        name = "saliency",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Writes the saliency map of an image (auto by default) as a grayscale PNG of the image's size.",
            "",
            "auto: the default map of sieve compress (a background prior, MS-ROI, spectral residual, a centre prior, a focus cue (sharp edges before a defocused background) and the detectors objects and faces when their models are in --models-dir, fused and refined to object extent on SLIC superpixels, every detected face covered; with --json, the sources, their weights and each detector's detections); msroi: the multi-structure region of interest of thesis eq. 2.5 from an MS-ROI network (default: the built-in msroi-scenes), run fully convolutionally on the whole image so the map is aligned with it; aug-msroi: the mean over perturbed passes (§3.6); rcam: the robust class activation map of a classifier (eq. 4.5, CAMs of the top-k classes weighted 1/2^i; --top-k 1 is the plain CAM of eq. 2.2); spectral: the model-free spectral residual; objects, faces, people: pretrained detectors (CenterNet, BlazeFace, selfie segmentation) run from --models-dir (scripts/fetch-models fetches them), their boxes filled with their scores (0..1) or the person probability. MS-ROI, Aug-MSROI and R-CAM maps are divided by their maximum; white = most salient. With --json, prints how the map was made (model, classes selected and their scores Z, or the detections: label, score, box x0 y0 x1 y1 in pixels)."},
        footer = {"", "Example: sieve saliency photo.jpg -o photo-map.png --overlay photo-overlay.png"})
public final class SaliencyCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    SaliencyOptions saliency;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image; - for standard input.")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "MAP.png", required = true, description = "Where to write the map (PNG); - for standard output.")
    Path output;

    @Option(names = "--overlay", paramLabel = "OVERLAY.png", description = "Also write the map as a heat overlay on the image.")
    Path overlay;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws Exception {
        saliency.validate();
        if (saliency.topK < 1) {
            throw new UsageError("--top-k must be ≥ 1");
        }
        ImageOutput.check(output, input);
        if (overlay != null) {
            AtomicFiles.checkOutput(overlay, input, output);
        }
        Planar img = ImageInput.read(input);
        dev.sieve.nn.saliency.SaliencyRecipe.Result c = saliency.compute(img);
        SaliencyMap map = c.map();
        ImageOutput.write(map.toImage(), output);
        if (overlay != null) {
            try {
                ImageFiles.writePng(HeatOverlay.of(img, map), overlay);
            } catch (RuntimeException | java.io.IOException e) {
                if (!ImageOutput.isStdout(output)) {
                    Files.deleteIfExists(output);
                }
                throw e;
            }
        }
        if (json.json) {
            java.util.Map<String, Object> r = Json.document("saliency");
            r.put("image", ImageInput.isStdin(input) ? "stdin" : input.toString());
            r.put("width", img.width());
            r.put("height", img.height());
            r.putAll(c.description());
            r.put("map", output.toString());
            java.io.PrintWriter w = ImageOutput.reportStream(spec.commandLine(), output);
            w.println(Json.write(r));
            w.flush();
        } else {
            ImageOutput.report(spec.commandLine(), output, "saliency map " + img.width() + "x" + img.height() + ", " + saliency.describe()
                    + (overlay == null ? "" : "; overlay " + overlay));
        }
        return 0;
    }
}
