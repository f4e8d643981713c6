package dev.sieve.cli;

import dev.sieve.image.Planar;
import dev.sieve.image.io.AtomicFiles;
import dev.sieve.image.io.ImageFiles;
import dev.sieve.image.saliency.SaliencyMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sieve saliency}: the MS-ROI, Aug-MSROI, R-CAM or spectral-residual saliency map of an image, as a PNG. */
@Command(
        name = "saliency",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Writes the saliency map of an image (MS-ROI by default) as a grayscale PNG of the image's size.",
            "",
            "msroi: the multi-structure region of interest of thesis eq. 2.5 from an MS-ROI network (default: the built-in msroi-scenes), run fully convolutionally on the whole image so the map is aligned with it; aug-msroi: the mean over perturbed passes (§3.6); rcam: the robust class activation map of a classifier (eq. 4.5, CAMs of the top-k classes weighted 1/2^i; --top-k 1 is the plain CAM of eq. 2.2); spectral: the model-free spectral residual. Values are divided by the map's maximum: white = most salient. With --json, prints how the map was made (model, classes selected and their scores Z)."},
        footer = {"", "Example: sieve saliency photo.jpg -o photo-map.png --overlay photo-overlay.png"})
public final class SaliencyCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    SaliencyOptions saliency;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image.")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "MAP.png", required = true, description = "Where to write the map.")
    Path output;

    @Option(names = "--overlay", paramLabel = "OVERLAY.png", description = "Also write the map as a heat overlay on the image.")
    Path overlay;

    @Option(names = "--json", description = "Print how the map was made as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        saliency.validate();
        if (saliency.topK < 1) {
            throw new UsageError("--top-k must be ≥ 1");
        }
        AtomicFiles.checkOutput(output, input);
        if (overlay != null) {
            AtomicFiles.checkOutput(overlay, input, output);
        }
        Planar img = ImageFiles.read(input);
        SaliencyOptions.Computed c = saliency.compute(img);
        SaliencyMap map = c.map();
        ImageFiles.writePng(map.toImage(), output);
        if (overlay != null) {
            try {
                ImageFiles.writePng(heatOverlay(img, map), overlay);
            } catch (RuntimeException | java.io.IOException e) {
                Files.deleteIfExists(output);
                throw e;
            }
        }
        if (json) {
            java.util.Map<String, Object> r = new java.util.LinkedHashMap<>();
            r.put("image", input.toString());
            r.put("width", img.width());
            r.put("height", img.height());
            r.putAll(c.description());
            r.put("map", output.toString());
            spec.commandLine().getOut().println(Json.write(r));
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    /** Half the image (as gray if it is gray) plus half a blue→green→red heat colouring of the map. */
    static Planar heatOverlay(Planar img, SaliencyMap map) {
        int n = img.pixels();
        float[][] out = new float[3][n];
        float[] v = map.values();
        for (int i = 0; i < n; i++) {
            float m = v[i];
            float[] heat = {clamp(1.5f - Math.abs(4 * m - 3)), clamp(1.5f - Math.abs(4 * m - 2)), clamp(1.5f - Math.abs(4 * m - 1))};
            for (int c = 0; c < 3; c++) {
                float s = img.plane(img.channels() == 3 ? c : 0)[i];
                out[c][i] = 0.5f * s + 0.5f * 255f * heat[c];
            }
        }
        return new Planar(img.width(), img.height(), out);
    }

    private static float clamp(float x) {
        return Math.max(0, Math.min(1, x));
    }
}
