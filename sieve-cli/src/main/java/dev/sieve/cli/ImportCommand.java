package dev.sieve.cli;

import dev.sieve.image.io.AtomicFiles;
import dev.sieve.nn.data.Normalization;
import dev.sieve.nn.model.Architectures;
import dev.sieve.nn.model.InputSpec;
import dev.sieve.nn.model.ModelFiles;
import dev.sieve.nn.model.ModelInfo;
import dev.sieve.nn.model.Safetensors;
import dev.sieve.nn.model.SieveModel;
import dev.sieve.nn.model.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sieve import}: a PyTorch (torchvision) state dict in safetensors form → a Sieve checkpoint. */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Imports torchvision weights (safetensors) as a Sieve checkpoint.",
            "",
            "Turns a PyTorch state dict saved as safetensors (scripts/export-torchvision.py) into a Sieve checkpoint for --model: parameters are matched by their torchvision names. Input 3xNxN with ImageNet normalization."})
public final class ImportCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--arch", paramLabel = "ARCH", required = true, description = "Architecture, e.g. resnet50, resnet18, vgg16.")
    String arch;

    @Option(names = "--weights", paramLabel = "W.safetensors", required = true, description = "The exported state dict.")
    Path weights;

    @Option(names = "--classes", paramLabel = "FILE", description = "Class names, one per line (default: class0..classN-1).")
    Path classes;

    @Option(names = "--input-size", paramLabel = "N", defaultValue = "224", description = "Input size (default: ${DEFAULT-VALUE}).")
    int inputSize;

    @Option(names = "--partial", description = {"Allow parameters missing from the weights (kept at their seeded initialization), " +
        "e.g. the fc of vgg16/19, whose torchvision classifier does not fit the average-pooling head."})
    boolean partial;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed for --partial initialization (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"-o", "--output"}, paramLabel = "MODEL.safetensors", required = true, description = "The Sieve checkpoint to write.")
    Path output;

    @Override
    public Integer call() throws Exception {
        if (ImageOutput.isStdout(output)) {
            throw new UsageError("-o must name a .safetensors file; a checkpoint is not written to standard output");
        }
        AtomicFiles.checkOutput(output, weights, classes);
        Architectures.build(arch, 2);
        Map<String, Tensor> dict = Safetensors.read(weights).tensors();
        List<String> names;
        if (classes != null) {
            names = ModelFiles.readClasses(classes);
        } else {
            Tensor fc = dict.get("fc.weight");
            if (fc == null) {
                throw new IllegalArgumentException(weights + ": no fc.weight to count the classes; pass --classes FILE");
            }
            names = IntStream.range(0, (int) fc.shape()[0]).mapToObj(i -> "class" + i).toList();
        }
        ModelInfo info = new ModelInfo(arch, names, new InputSpec(3, inputSize, inputSize, Normalization.IMAGENET), "imported from " + weights.getFileName());
        List<String> unused = new ArrayList<>();
        try (SieveModel m = SieveModel.fromStateDict(info, dict, weights.toString(), partial, seed, unused)) {
            m.save(output);
        }
        spec.commandLine().getOut().println(output + ": " + arch + ", " + names.size() + " classes"
                + (unused.isEmpty() ? "" : "; " + unused.size() + " unused tensors, first " + unused.get(0)));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
