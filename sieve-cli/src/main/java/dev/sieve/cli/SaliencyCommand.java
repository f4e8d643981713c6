package dev.sieve.cli;

import dev.sieve.image.Planar;
import dev.sieve.image.io.AtomicFiles;
import dev.sieve.image.io.ImageFiles;
import dev.sieve.image.saliency.SaliencyMap;
import dev.sieve.nn.cam.ActivationSource;
import dev.sieve.nn.cam.ClassActivationMaps;
import dev.sieve.nn.model.DjlClassifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sieve saliency}: the robust activation map R-CAM (thesis eq. 4.5) of an image, as a PNG. */
@Command(
        name = "saliency",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Writes the R-CAM saliency map (thesis eq. 4.5) of an image as a grayscale PNG.",
            "",
            "Writes the robust class activation map R-CAM (thesis eq. 4.5: CAMs of the top-k classes weighted 1/2^i, divided by the max) of an image as an 8-bit grayscale PNG of the image's size; --top-k 1 gives the plain CAM (eq. 2.2) of the most likely class."})
public final class SaliencyCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOptions modelOptions;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image.")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "MAP.png", required = true, description = "Where to write the map.")
    Path output;

    @Option(names = "--overlay", paramLabel = "OVERLAY.png", description = "Also write the map as a heat overlay on the image.")
    Path overlay;

    @Option(names = {"-k", "--top-k"}, paramLabel = "K", defaultValue = "5", description = "Classes combined (default: ${DEFAULT-VALUE}).")
    int topK;

    @Override
    public Integer call() throws Exception {
        if (topK < 1) {
            throw new IllegalArgumentException("--top-k must be ≥ 1");
        }
        AtomicFiles.requireNotAnInput(output, input);
        if (overlay != null) {
            AtomicFiles.requireNotAnInput(overlay, input);
        }
        Planar img = ImageFiles.read(input);
        try (DjlClassifier model = modelOptions.open()) {
            if (!(model instanceof ActivationSource source)) {
                throw new IllegalArgumentException(modelOptions.model + ": a TorchScript model exposes no feature maps; "
                        + "class activation maps need a Sieve model (import its weights with 'sieve import')");
            }
            SaliencyMap map = ClassActivationMaps.rcam(source, img, Math.min(topK, model.numClasses()));
            ImageFiles.writePng(map.toImage(), output);
            if (overlay != null) {
                try {
                    ImageFiles.writePng(heatOverlay(img, map), overlay);
                } catch (RuntimeException | java.io.IOException e) {
                    Files.deleteIfExists(output);
                    throw e;
                }
            }
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
