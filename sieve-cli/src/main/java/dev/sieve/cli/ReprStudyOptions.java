package dev.sieve.cli;

import dev.sieve.nn.train.OptimizerKind;
import dev.sieve.repr.ReprComparison;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The study of {@code sieve eval repr}: seeds, schemes and the training and RePr settings every run shares. */
final class ReprStudyOptions {
    @Option(names = "--seeds", paramLabel = "K", defaultValue = "3", description = "Seeds 1..K (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--schemes", paramLabel = "S,...", split = ",",
            description = {"Schemes beside standard (default: repr-ortho): repr-METRIC (METRIC: ortho, ortho-signed = eq. 5.1 without " +
                "its absolute value, weights, random, activation, apoz, gradient, taylor, oracle), with ablation flags joined by +:",
                "per-layer (p %% of each layer, not one global ranking), first-layer (rank and drop the first convolution too), " +
                "no-predrop (re-initialize orthogonally to the kept filters only); dsd; ban. E.g. repr-ortho,repr-random,dsd,ban."})
    List<String> schemes;

    @Option(names = "--metrics", paramLabel = "M,...", split = ",",
            description = "Shorthand for --schemes repr-M,...")
    List<String> metrics;

    @Option(names = "--epochs", paramLabel = "E", defaultValue = "100", description = "Epochs per run (default: ${DEFAULT-VALUE}, as Figure 5.1).")
    int epochs;

    @Mixin
    ReprScheduleOptions schedule;

    @Option(names = "--generations", paramLabel = "G",
            description = "BAN: born-again generations after the standard run, each a full --epochs run (default: --iterations).")
    Integer generations;

    @Option(names = "--optimizer", paramLabel = "OPT", defaultValue = "sgd", description = "sgd, momentum or adam (default: ${DEFAULT-VALUE}).")
    OptimizerKind optimizer;

    @Option(names = "--lr", paramLabel = "LR", defaultValue = "0.01", description = "Learning rate (default: ${DEFAULT-VALUE}, thesis §5.4).")
    float lr;

    @Option(names = "--weight-decay", paramLabel = "WD", defaultValue = "0", description = "L2 weight decay (default: ${DEFAULT-VALUE}).")
    float weightDecay;

    @Option(names = "--batch-size", paramLabel = "B", defaultValue = "128", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--augment", description = "Random crop (4-pixel padding) and horizontal flips.")
    boolean augment;

    @Option(names = "--train-limit", paramLabel = "N", description = "Use the first N training images only (the held-out --validation images included).")
    Integer trainLimit;

    @Option(names = "--validation", paramLabel = "N", defaultValue = "0",
            description = "Hold the last N training images out of training; the Oracle ranks on them (thesis §5.4 holds out 5000) (default: ${DEFAULT-VALUE}).")
    int validation;

    @Option(names = "--test-limit", paramLabel = "N", description = "Test on the first N test images only.")
    Integer testLimit;

    /** The settings of a study of {@code arch} on {@code data}; {@code --schemes} with {@code --metrics} is a {@link UsageError}. */
    ReprComparison.Settings settings(String arch, String data) {
        if (schemes != null && metrics != null) {
            throw new UsageError("give --schemes or --metrics, not both");
        }
        List<String> names = metrics != null ? metrics.stream().map(m -> "repr-" + m).toList() : schemes != null ? schemes : List.of("repr-ortho");
        return new ReprComparison.Settings(arch, data, seeds, names, epochs, schedule.s1, schedule.s2, schedule.prune, schedule.iterations, generations, optimizer, lr, weightDecay,
                batchSize, augment, trainLimit, validation, testLimit, schedule.rankingImages);
    }
}
