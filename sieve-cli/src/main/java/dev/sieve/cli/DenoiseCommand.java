package dev.sieve.cli;

import dev.sieve.image.defense.WaveletDefense;
import dev.sieve.image.wavelet.WaveletDenoiser;
import java.util.concurrent.Callable;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sieve denoise}: wavelet shrinkage denoising (thesis §4.7–4.8), as scikit-image's {@code denoise_wavelet}. */
@Command(
        name = "denoise",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Wavelet denoising by soft thresholding in YCbCr (thesis sections 4.7 and 4.8).",
            "",
            "Wavelet denoising (thesis sec. 4.7-4.8): YCbCr, DWT, soft thresholding by BayesShrink, inverse DWT, RGB. Gives the image of scikit-image 0.19's denoise_wavelet(img/255, sigma, wavelet, mode, wavelet_levels, convert2ycbcr, method, channel_axis=-1) * 255; sigma is in [0,1] units.",
            "",
            "With several INs or folders and -d DIR, each image becomes DIR/its relative path with .png (--jobs at a time, the same seed for each), one line per file and a totals line."},
        footer = {"", "Example: sieve denoise deflected.png -o clean.png --method bayes --sigma 0.04"})
public final class DenoiseCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ImageTransformIO io;

    @Option(names = "--wavelet", paramLabel = "W", defaultValue = "db1", description = "haar, db1, db2, db4, sym2, sym3, sym4 (default: ${DEFAULT-VALUE}).")
    String wavelet;

    @Option(names = "--method", paramLabel = "M", defaultValue = "bayes",
            description = "bayes, visu, sure, or hard (BayesShrink thresholds, hard thresholding) (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--sigma", paramLabel = "S", defaultValue = "0.04",
            description = "Noise sd in [0,1] units, or 'auto' to estimate it (MAD of the finest diagonal band) (default: ${DEFAULT-VALUE}).")
    String sigma;

    @Option(names = "--levels", paramLabel = "L", defaultValue = "0",
            description = "Decomposition levels; 0 = scikit-image's default max(max_level - 3, 1) (default: ${DEFAULT-VALUE}).")
    int levels;

    @Option(names = "--no-ycbcr", description = "Denoise R, G, B separately instead of in YCbCr.")
    boolean noYcbcr;

    @Override
    public Integer call() throws Exception {
        WaveletDenoiser.Options options = UsageError.fromOptions(() -> WaveletDefense.options(method, parseSigma(sigma), wavelet, levels, !noYcbcr));
        WaveletDenoiser denoiser = new WaveletDenoiser(options);
        return ImageTransforms.run(spec.commandLine(), "denoise", io.inputs, io.output, io.batch, io.json.json, new WaveletDefense(options).spec(),
                denoiser::denoise, List.of());
    }

    static double parseSigma(String s) {
        if (s.equalsIgnoreCase("auto")) {
            return Double.NaN;
        }
        try {
            double v = Double.parseDouble(s);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UsageError("--sigma must be a number or 'auto', got '" + s + "'");
        }
    }
}
