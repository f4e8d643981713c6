package dev.sieve.cli;

import dev.sieve.nn.data.Augmentation;
import dev.sieve.nn.data.DataSets;
import dev.sieve.nn.data.ImageDataset;
import dev.sieve.nn.data.Normalization;
import dev.sieve.nn.model.Architectures;
import dev.sieve.nn.model.InputSpec;
import dev.sieve.nn.model.ModelInfo;
import dev.sieve.nn.model.SieveModel;
import dev.sieve.nn.train.EpochResult;
import dev.sieve.nn.train.OptimizerKind;
import dev.sieve.nn.train.Schedule;
import dev.sieve.nn.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sieve train}: standard training of a zoo architecture on a labelled data set. */
@Command(
        name = "train",
        subcommands = TrainMsroiCommand.class,
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Trains a network (standard or RePr scheme; 'train msroi' for MS-ROI) and writes checkpoints, log.csv and curves.png.",
            "",
            "Trains a network with softmax cross-entropy ('sieve train msroi' trains an MS-ROI saliency network) and writes, in --out: a checkpoint per epoch (epoch-NNN.safetensors) and the last as model.safetensors, log.csv and curves.png. The normalization is measured on the training images and stored in the checkpoint."})
public final class TrainCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = {"-m", "--model"}, paramLabel = "ARCH", defaultValue = "c3-32",
            description = {"Architecture (default: ${DEFAULT-VALUE}): cN-X (C^n(X), thesis §5.4), cN-X-gap, resnet20/32/56/110,",
                "resnet18/34/50/101/152, vgg16/19."})
    String arch;

    @Option(names = {"-d", "--data"}, paramLabel = "DATA", defaultValue = "fashion-mnist",
            description = "fashion-mnist, or a folder with IDX files, CIFAR-10/100 binaries or class folders (default: ${DEFAULT-VALUE}).")
    String data;

    @Option(names = "--size", paramLabel = "N", defaultValue = "32", description = "Image size for class-folder data (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--epochs", paramLabel = "E", defaultValue = "10", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "B", defaultValue = "128", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--optimizer", paramLabel = "OPT", defaultValue = "sgd",
            description = "sgd, momentum (0.9) or adam (default: ${DEFAULT-VALUE}, lr 0.01 as thesis §5.4).")
    OptimizerKind optimizer;

    @Option(names = "--lr", paramLabel = "LR", defaultValue = "0.01", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    float lr;

    @Option(names = "--weight-decay", paramLabel = "WD", defaultValue = "0", description = "L2 weight decay (default: ${DEFAULT-VALUE}).")
    float weightDecay;

    @Option(names = "--schedule", paramLabel = "S", defaultValue = "fixed",
            description = "fixed, step (×0.1 at 50 %% and 75 %%) or cyclic (triangular lr/10..lr, 2-epoch cycles) (default: ${DEFAULT-VALUE}).")
    Schedule schedule;

    @Option(names = "--augment", description = "Random crop with 4-pixel zero padding and horizontal flips.")
    boolean augment;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of initialization, order and augmentation (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--train-limit", paramLabel = "N", description = "Train on the first N training images only.")
    Integer trainLimit;

    @Option(names = "--test-limit", paramLabel = "N", description = "Test on the first N test images only.")
    Integer testLimit;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Output folder (created if missing; required).")
    Path out;

    @picocli.CommandLine.Mixin
    ReprOptions repr;

    @Override
    public Integer call() throws Exception {
        if (out == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--out=DIR'");
        }
        if ((trainLimit != null && trainLimit < 1) || (testLimit != null && testLimit < 1) || size < 8) {
            throw new IllegalArgumentException("--train-limit and --test-limit must be ≥ 1 and --size ≥ 8");
        }
        Architectures.build(arch, 2);
        repr.validate(epochs);
        ImageDataset train = DataSets.open(data, true, 3, size);
        ImageDataset test = DataSets.open(data, false, 3, size);
        if (trainLimit != null) {
            train = train.head(trainLimit);
        }
        if (testLimit != null) {
            test = test.head(testLimit);
        }
        TrainingConfig cfg = new TrainingConfig(epochs, batchSize, optimizer, lr, weightDecay, schedule,
                augment ? new Augmentation(4, true) : Augmentation.NONE, seed);
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IOException(out + ": exists and is not a folder");
        }
        Normalization norm = Normalization.of(train);
        String trainedOn = train.source() + ", " + train.size() + " images, " + epochs + " epochs, " + optimizer.name().toLowerCase(Locale.ROOT)
                + " lr " + lr + ", " + schedule.name().toLowerCase(Locale.ROOT) + (augment ? ", augmented" : "") + ", seed " + seed;
        ModelInfo info = new ModelInfo(arch, train.classes(), new InputSpec(train.channels(), train.height(), train.width(), norm), trainedOn);
        Files.createDirectories(out);
        List<EpochResult> done;
        try (SieveModel model = SieveModel.create(info, seed);
                CheckpointListener listener = new CheckpointListener(model, out, epochs, train.size(), arch + " on " + data)) {
            repr.train(model, cfg, train, test, listener, spec.commandLine().getErr());
            done = listener.done();
        }
        EpochResult last = done.get(done.size() - 1);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("model", arch);
        r.put("data", train.source());
        r.put("trainImages", train.size());
        r.put("testImages", test.size());
        r.put("epochs", epochs);
        r.put("optimizer", optimizer.name().toLowerCase(Locale.ROOT));
        r.put("learningRate", lr);
        r.put("schedule", schedule.name().toLowerCase(Locale.ROOT));
        r.put("augment", augment);
        r.put("seed", seed);
        r.putAll(repr.describe());
        r.put("trainAccuracy", last.trainAccuracy());
        r.put("testAccuracy", last.testAccuracy());
        r.put("checkpoint", out.resolve("model.safetensors").toString());
        spec.commandLine().getOut().println(Json.write(r));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
