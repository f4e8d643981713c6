package dev.sieve.cli;

import dev.sieve.nn.data.Augmentation;
import dev.sieve.nn.data.ImageDataset;
import dev.sieve.nn.train.EpochResult;
import dev.sieve.nn.train.OptimizerKind;
import dev.sieve.nn.train.Schedule;
import dev.sieve.nn.train.TrainingConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The training options shared by {@code sieve train} and {@code sieve train msroi}: size, schedule,
 * optimizer, seed, limits and output folder. The defaults differ per command; each command names
 * them in a {@link Defaults} provider.
 */
final class TrainingOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--size", paramLabel = "N", description = "Image size for class-folder data, 8..4096 (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--epochs", paramLabel = "E", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "B", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--optimizer", paramLabel = "OPT", description = "sgd, momentum (0.9) or adam (default: ${DEFAULT-VALUE}).")
    OptimizerKind optimizer;

    @Option(names = "--lr", paramLabel = "LR", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    float lr;

    @Option(names = "--weight-decay", paramLabel = "WD", description = "L2 weight decay (default: ${DEFAULT-VALUE}).")
    float weightDecay;

    @Option(names = "--schedule", paramLabel = "S",
            description = "fixed, step (×0.1 at 50 %% and 75 %%) or cyclic (triangular lr/10..lr, 2-epoch cycles) (default: ${DEFAULT-VALUE}).")
    Schedule schedule;

    @Option(names = "--augment", description = "Random shifts (zero padding of 4 pixels for 'train', 8 for 'train msroi') and horizontal flips.")
    boolean augment;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of initialization, order and augmentation (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--train-limit", paramLabel = "N", description = "Train on the first N training images only.")
    Integer trainLimit;

    @Option(names = "--test-limit", paramLabel = "N", description = "Test on the first N test images only.")
    Integer testLimit;

    @Mixin
    OutDirOption out;

    /** Checks the values and the output folder (required; an existing file is refused). */
    void validate() throws IOException {
        if (!out.given()) {
            throw new ParameterException(mixee.commandLine(), "Missing required option: '--out-dir=DIR'");
        }
        if ((trainLimit != null && trainLimit < 1) || (testLimit != null && testLimit < 1) || size < 8 || size > 4096
                || epochs < 1 || batchSize < 1) {
            throw new UsageError("--epochs, --batch-size, --train-limit and --test-limit must be ≥ 1 and --size 8..4096");
        }
        if (Files.exists(out.dir) && !Files.isDirectory(out.dir)) {
            throw new UsageError(out.dir + ": exists and is not a folder");
        }
    }

    /** Creates the output folder (once the inputs have been read). */
    Path createOutput() throws IOException {
        return out.create();
    }

    ImageDataset limitTrain(ImageDataset train) {
        return trainLimit == null ? train : train.head(trainLimit);
    }

    ImageDataset limitTest(ImageDataset test) {
        return testLimit == null ? test : test.head(testLimit);
    }

    /** The training configuration; {@code --augment} shifts by up to {@code shiftPixels}. */
    TrainingConfig config(int shiftPixels) {
        return new TrainingConfig(epochs, batchSize, optimizer, lr, weightDecay, schedule,
                augment ? new Augmentation(shiftPixels, true) : Augmentation.NONE, seed);
    }

    /** How the model was trained, for the checkpoint's provenance line. */
    String describe(ImageDataset train) {
        return train.source() + ", " + train.size() + " images of " + train.width() + "×" + train.height() + ", " + epochs + " epochs, batch " + batchSize + ", "
                + optimizer.name().toLowerCase(Locale.ROOT) + " lr " + lr + ", " + schedule.name().toLowerCase(Locale.ROOT)
                + (augment ? ", augmented" : "") + ", seed " + seed;
    }

    /** The start of {@code command}'s JSON report: schema, architecture, data and these options. */
    Map<String, Object> report(String command, String arch, ImageDataset train, ImageDataset test) {
        Map<String, Object> r = Json.document(command);
        r.put("arch", arch);
        r.put("data", train.source());
        r.put("train_images", train.size());
        r.put("test_images", test.size());
        r.put("epochs", epochs);
        r.put("batch_size", batchSize);
        r.put("optimizer", optimizer.name().toLowerCase(Locale.ROOT));
        r.put("learning_rate", lr);
        r.put("weight_decay", weightDecay);
        r.put("schedule", schedule.name().toLowerCase(Locale.ROOT));
        r.put("augment", augment);
        r.put("seed", seed);
        return r;
    }

    /** Adds the checkpoint to {@code report}, prints it on stdout and the one result line on stderr. */
    void finish(CommandSpec command, Map<String, Object> report, String arch, EpochResult last, Path dir) {
        report.put("checkpoint", dir.resolve("model.safetensors").toString());
        PrintWriter out = command.commandLine().getOut(), err = command.commandLine().getErr();
        out.println(Json.write(report));
        out.flush();
        if (!Progress.quiet()) {
            err.printf(Locale.ROOT, "trained %s for %d epochs: train accuracy %.2f %%, test %.2f %%; checkpoints in %s%n", arch, last.epoch(),
                    100 * last.trainAccuracy(), 100 * last.testAccuracy(), dir);
            err.flush();
        }
    }

    /** Per-command defaults of these options, by long option name. */
    abstract static class Defaults implements IDefaultValueProvider {
        private final Map<String, String> values;

        Defaults(Map<String, String> values) {
            this.values = values;
        }

        @Override
        public String defaultValue(ArgSpec arg) {
            return arg instanceof OptionSpec o ? values.get(o.longestName()) : null;
        }
    }
}
