package dev.sieve.cli;

import dev.sieve.jpeg.semantic.SemanticOptions;
import picocli.CommandLine.Option;

/** {@code --saliency-weight}: direct mode's saliency weight W (thesis ch. 2; {@link SemanticOptions#withSaliencyWeight}). */
final class SaliencyWeightOption {
    @Option(names = "--saliency-weight", paramLabel = "W", defaultValue = "" + SemanticOptions.DEFAULT_SALIENCY_WEIGHT,
            description = "Direct mode (visual, psnr, psnr-rgb): the most salient blocks' error counts W times the least salient ones', 1..10000"
                    + " (default: ${DEFAULT-VALUE}; 1 = no saliency).")
    double weight;

    /** The weight, checked: 1..10000. */
    double value() {
        if (!(weight >= 1 && weight <= 1e4)) {
            throw new UsageError("--saliency-weight must be in [1, 10000], got " + weight);
        }
        return weight;
    }
}
