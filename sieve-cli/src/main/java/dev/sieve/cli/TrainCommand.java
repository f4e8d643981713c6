package dev.sieve.cli;

import dev.sieve.nn.data.DataSets;
import dev.sieve.nn.data.ImageDataset;
import dev.sieve.nn.data.Normalization;
import dev.sieve.nn.model.Architectures;
import dev.sieve.nn.model.InputSpec;
import dev.sieve.nn.model.ModelInfo;
import dev.sieve.nn.model.SieveModel;
import dev.sieve.nn.train.EpochResult;
import dev.sieve.nn.train.TrainingConfig;
import dev.sieve.repr.SchemeTraining;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code sieve train}: standard training of a zoo architecture on a labelled data set. */
@Command(
        name = "train",
        subcommands = TrainMsroiCommand.class,
        mixinStandardHelpOptions = true,
        sortOptions = false,
        defaultValueProvider = TrainCommand.Defaults.class,
        description = {
            "Trains a network (standard, RePr, DSD or BAN scheme; 'train msroi' for MS-ROI) and writes checkpoints, log.csv and curves.png.",
            "",
            "Trains a network with softmax cross-entropy ('sieve train msroi' trains an MS-ROI saliency network) and writes, in --out-dir: a checkpoint per epoch (epoch-NNN.safetensors) and the last as model.safetensors, log.csv and curves.png. The normalization is measured on the training images and stored in the checkpoint. Prints a JSON report (schema sieve.train) on stdout and one result line on stderr."},
        footer = {"", "Example: sieve train --arch c3-32 --data fashion-mnist --epochs 10 -d runs/c3"})
public final class TrainCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ArchOption architecture;

    @Mixin
    DataOption data;

    @picocli.CommandLine.Mixin
    TrainingOptions training;

    @picocli.CommandLine.Mixin
    ReprOptions repr;

    @Override
    public Integer call() throws Exception {
        String arch = architecture.name;
        Architectures.build(arch, 2);
        Architectures.useAlignedKernels(List.of(arch));
        repr.validate(training.epochs);
        training.validate();
        ImageDataset train = training.limitTrain(DataSets.open(data.name, true, 3, training.size));
        ImageDataset test = training.limitTest(DataSets.open(data.name, false, 3, training.size));
        TrainingConfig cfg = training.config(4);
        Normalization norm = Normalization.of(train);
        ModelInfo info = new ModelInfo(arch, train.classes(), new InputSpec(train.channels(), train.height(), train.width(), norm),
                training.describe(train));
        SchemeTraining scheme = repr.scheme();
        Path out = training.createOutput();
        List<EpochResult> done;
        try (SieveModel model = SieveModel.create(info, training.seed);
                CheckpointListener listener = new CheckpointListener(model, out, training.epochs, train.size(), arch + " on " + data.name,
                        spec.commandLine().getErr())) {
            scheme.train(model, cfg, train, test, repr.listener(listener, spec.commandLine().getErr()));
            done = listener.done();
        }
        EpochResult last = done.get(done.size() - 1);
        Map<String, Object> r = training.report("train", arch, train, test);
        r.putAll(scheme.describe());
        r.put("train_accuracy", last.trainAccuracy());
        r.put("test_accuracy", last.testAccuracy());
        training.finish(spec, r, arch, last, out);
        return 0;
    }

    /** Defaults of the training options: plain SGD at lr 0.01 as thesis §5.4. */
    static final class Defaults extends TrainingOptions.Defaults {
        Defaults() {
            super(Map.of("--size", "32", "--epochs", "10", "--batch-size", "128", "--optimizer", "sgd", "--lr", "0.01",
                    "--weight-decay", "0", "--schedule", "fixed", "--seed", "1"));
        }
    }
}
