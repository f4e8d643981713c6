package dev.sieve.cli;

import dev.sieve.jpeg.BlockQuality;
import dev.sieve.jpeg.Subsampling;
import dev.sieve.jpeg.Tune;
import dev.sieve.jpeg.semantic.SemanticMode;
import dev.sieve.jpeg.semantic.SemanticOptions;
import dev.sieve.nn.compress.SemanticCompressor;
import java.io.IOException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The encoder and saliency options of {@code sieve compress}, shared by {@code sieve spark compress}. */
final class CompressOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @picocli.CommandLine.Mixin
    SaliencyOptions saliencyOptions;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "direct",
            description = "direct, mosaic or plain (default: ${DEFAULT-VALUE}).")
    SemanticMode mode;

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
    Tune tune;

    @Mixin
    SaliencyWeightOption saliencyWeight;

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
    Subsampling subsampling;

    @Option(names = "--progressive", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Progressive JPEG with the scan script searched per image for the smallest file (default; about 3.5 %% smaller"
                    + " than baseline); --no-progressive writes baseline sequential JPEG. The reference is written the same way.")
    boolean progressive;

    @Option(names = "--block-method", paramLabel = "M", defaultValue = "dead-zone",
            description = "How classic direct mode lowers a block's quality: dead-zone or requantize (default: ${DEFAULT-VALUE}).")
    BlockQuality.Method blockMethod;

    @Option(names = "--tolerance", paramLabel = "T", defaultValue = "0.01",
            description = "Relative size tolerance of the match (default: ${DEFAULT-VALUE}).")
    double tolerance;

    /** The encoder settings; a bad value is a {@link UsageError}. */
    SemanticOptions semanticOptions() throws IOException {
        if (quality != null && !(quality >= 1 && quality <= 100)) {
            throw new UsageError("--quality must be in 1..100, got " + quality);
        }
        if (target.targetBytes != null && target.targetBytes <= 0) {
            throw new UsageError("--target-bytes must be positive, got " + target.targetBytes);
        }
        if (!(lambdaScale > 0 && lambdaScale <= 1e3)) {
            throw new UsageError("--lambda-scale must be in (0, 1000], got " + lambdaScale);
        }
        var parsed = mixee.commandLine().getParseResult();
        if (quality != null && (parsed.hasMatchedOption("--target-bytes") || parsed.hasMatchedOption("--match-quality"))) {
            throw new UsageError("--quality fixes the quality, so it cannot be combined with --target-bytes or --match-quality");
        }
        return UsageError.fromOptions(() -> new SemanticOptions(mode, levels, qLow, qHigh, inclusiveLevels, target.matchQuality,
                target.targetBytes == null ? 0 : target.targetBytes, quality == null ? 0 : quality, tolerance,
                subsampling, progressive, blockMethod, tune, saliencyWeight.value(), lambdaScale));
    }

    /**
     * Opens the saliency model now (nothing in plain mode or for the spectral map), so the workers of a
     * batch that share one compressor find it open; a detector's refused map falls back to auto, which needs it.
     */
    void loadSaliencyModel() throws IOException {
        if (mode != SemanticMode.PLAIN && saliencyOptions.recipe().needsModelForEncoding()) {
            saliencyOptions.model();
        }
    }

    /** A compressor with these options (any --saliency, detectors included); its saliency model opens on first use and stays open. */
    SemanticCompressor compressor() throws IOException {
        saliencyOptions.validate();
        return new SemanticCompressor(semanticOptions(), saliencyOptions::forEncoding);
    }
}
