package dev.sieve.cli;

import dev.sieve.jpeg.Tune;
import dev.sieve.jpeg.eval.SemanticComparison;
import dev.sieve.jpeg.semantic.SemanticMode;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of the Table 2.1 protocol ({@link SemanticComparison}): sieve eval compression and sieve spark evaluate. */
final class ComparisonOptions {
    @Option(names = "--match-quality", paramLabel = "Q", defaultValue = "50",
            description = "Quality of the plain JPEG whose size the semantic modes match (default: ${DEFAULT-VALUE}).")
    double matchQuality;

    /** The semantic modes a comparison runs beside plain JPEG (the plain reference is always there). */
    enum ComparedMode {
        MOSAIC(SemanticMode.MOSAIC),
        DIRECT(SemanticMode.DIRECT);

        final SemanticMode mode;

        ComparedMode(SemanticMode mode) {
            this.mode = mode;
        }
    }

    @Option(names = "--modes", paramLabel = "MODE", split = ",", defaultValue = "mosaic,direct",
            description = "Semantic modes to compare with plain JPEG: mosaic, direct (default: ${DEFAULT-VALUE}).")
    List<ComparedMode> modes;

    @Option(names = "--tune", paramLabel = "T", defaultValue = "visual",
            description = "Tune of Sieve's plain and direct methods: visual, psnr, psnr-rgb or classic (default: ${DEFAULT-VALUE};"
                    + " see sieve compress --help). The plain reference of Table 2.1 is always classic JPEG.")
    Tune tune;

    @Option(names = "--progressive", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Sieve's files and the classic reference progressive (default) or, with --no-progressive, baseline.")
    boolean progressive;

    @Mixin
    SaliencyWeightOption saliencyWeight;

    @Mixin
    PsnrSThresholdOption threshold;

    @ArgGroup(exclusive = true)
    MetricsCommand.ChannelChoice channels = new MetricsCommand.ChannelChoice();

    /** The protocol's settings; a bad value is a {@link UsageError}. */
    SemanticComparison.Config config() {
        List<SemanticMode> list = modes.stream().map(m -> m.mode).distinct().toList();
        if (!(matchQuality >= 1 && matchQuality <= 100)) {
            throw new UsageError("--match-quality must be in [1, 100], got " + matchQuality);
        }
        return new SemanticComparison.Config(matchQuality, list, tune, progressive, saliencyWeight.value(), threshold.checked(), channels.value());
    }
}
