package dev.sieve.cli;

import dev.sieve.nn.data.DataSets;
import dev.sieve.nn.data.ImageDataset;
import dev.sieve.nn.data.Normalization;
import dev.sieve.nn.model.Architectures;
import dev.sieve.nn.model.InputSpec;
import dev.sieve.nn.model.ModelInfo;
import dev.sieve.nn.model.Network;
import dev.sieve.nn.model.Safetensors;
import dev.sieve.nn.model.SieveModel;
import dev.sieve.nn.train.EpochResult;
import dev.sieve.nn.train.Training;
import dev.sieve.nn.train.TrainingConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sieve train msroi}: trains an MS-ROI network (thesis §2.3) with image-level multi-labels. */
@Command(
        name = "msroi",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        defaultValueProvider = TrainMsroiCommand.Defaults.class,
        description = {
            "Trains an MS-ROI saliency network (thesis §2.3) on multi-label class folders and writes checkpoints.",
            "",
            "The network, [[conv3x3 -> ReLU]^2 -> maxpool]^S then one group of D class-specific filters per class, is trained with the per-class sigmoid loss of eq. 2.6 on image-level labels only (no boxes): a file that occurs in several class folders carries all those labels (Caltech-256 layout; 'sieve scenes' makes such sets). Writes, in --out-dir: epoch-NNN.safetensors, model.safetensors (use it with 'sieve saliency --model', 'sieve compress --model' and the msroi-jpeg defenses), log.csv and curves.png, prints a JSON report (schema sieve.train.msroi) on stdout and one result line on stderr. Test accuracy counts a hit when the top class is one of the image's labels."},
        footer = {"", "Example: sieve train msroi --data scenes --arch msroi-5-8x8 --size 128 --epochs 10 -d runs/msroi"})
public final class TrainMsroiCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", required = true,
            description = "Class folders (DIR/CLASS/IMAGE), with train/ and test/ (or val/) sub-folders for the two splits; without them the one folder serves both.")
    Path data;

    @Option(names = "--arch", paramLabel = "ARCH", defaultValue = "msroi-5-8x8",
            description = "Architecture (default: ${DEFAULT-VALUE}): msroi-S-W[xD] (S stages, W filters first, D per class), msroi (= msroi-5-64,"
                    + " the thesis' widths), or an ImageNet backbone with the MS-ROI head: msroi-vgg16, msroi-resnet18/34/50.")
    String arch;

    @Option(names = "--backbone-weights", paramLabel = "FILE",
            description = "Start the backbone from these weights (safetensors with torchvision names, e.g. from 'sieve import'); the head starts fresh.")
    Path backboneWeights;

    @picocli.CommandLine.Mixin
    TrainingOptions training;

    @Override
    public Integer call() throws Exception {
        if (Architectures.build(arch, 2).head() != Network.Head.CLASS_MAPS) {
            throw new UsageError("'" + arch + "' is not an MS-ROI architecture (msroi-S-W[xD], msroi, msroi-vgg16, msroi-resnet18/34/50)");
        }
        training.validate();
        Safetensors.Contents backbone = backboneWeights == null ? null : Safetensors.read(backboneWeights);
        ImageDataset train = DataSets.open(data.toString(), true, 3, training.size);
        ImageDataset test = DataSets.open(data.toString(), false, 3, training.size);
        if (!train.classes().equals(test.classes())) {
            throw new IllegalArgumentException(data + ": train and test have different class folders");
        }
        train = training.limitTrain(train);
        test = training.limitTest(test);
        TrainingConfig cfg = training.config(8);
        Normalization norm = backbone == null ? Normalization.of(train) : Normalization.IMAGENET;
        String trainedOn = "MS-ROI, sigmoid multi-label loss: " + training.describe(train)
                + (backboneWeights == null ? "" : ", backbone from " + backboneWeights.getFileName());
        ModelInfo info = new ModelInfo(arch, train.classes(), new InputSpec(3, training.size, training.size, norm), trainedOn);
        Path out = training.createOutput();
        List<EpochResult> done;
        List<String> unused = new ArrayList<>();
        try (SieveModel model = backbone == null ? SieveModel.create(info, training.seed)
                        : SieveModel.fromStateDict(info, backbone.tensors(), backboneWeights.toString(), true, training.seed, unused);
                CheckpointListener listener = new CheckpointListener(model, out, training.epochs, train.size(), arch + " MS-ROI on " + data.getFileName(),
                        spec.commandLine().getErr())) {
            if (backbone != null && unused.size() == backbone.tensors().size()) {
                throw new IllegalArgumentException(backboneWeights + ": no tensor matches a parameter of " + arch + " (torchvision names expected)");
            }
            new Training(model, cfg).run(train, test, listener);
            done = listener.done();
        }
        EpochResult last = done.get(done.size() - 1);
        Map<String, Object> r = training.report("train.msroi", arch, train, test);
        r.put("classes", train.classes());
        r.put("backbone_weights", backboneWeights == null ? null : backboneWeights.toString());
        r.put("train_loss", last.trainLoss());
        r.put("test_top1_hit_rate", last.testAccuracy());
        training.finish(spec, r, arch, last, out);
        return 0;
    }

    /** Defaults of the training options: Adam with a step schedule, 32 images a batch at 128 px. */
    static final class Defaults extends TrainingOptions.Defaults {
        Defaults() {
            super(Map.of("--size", "128", "--epochs", "10", "--batch-size", "32", "--optimizer", "adam", "--lr", "0.001",
                    "--weight-decay", "0", "--schedule", "step", "--seed", "1"));
        }
    }
}
