package dev.sieve.cli;

import dev.sieve.nn.model.Architectures;
import dev.sieve.nn.model.DjlClassifier;
import dev.sieve.nn.model.ModelFiles;
import dev.sieve.nn.msroi.MsroiModels;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** The {@code --model} option shared by commands that run a classifier: a model file or {@code builtin:NAME}. */
final class ModelOptions {
    /** A {@code model=} parameter of a defense stage. */
    private static final Pattern MODEL_PARAM = Pattern.compile("model=([^,|;+\\s]+)");

    @Option(names = {"-m", "--model"}, paramLabel = "MODEL", defaultValue = "builtin:fashion-c3-32",
            description = {"A Sieve checkpoint (.safetensors from 'sieve train' or 'sieve import'), a TorchScript file " +
                "(.pt/.pth) or builtin:NAME, a model shipped with Sieve (default: ${DEFAULT-VALUE}, C^3(32) trained on Fashion-MNIST)."})
    String model;

    @Option(names = "--classes", paramLabel = "FILE", description = "TorchScript only: class names, one per line.")
    Path classes;

    @Option(names = "--input-size", paramLabel = "N", defaultValue = "224",
            description = "TorchScript only: square input size (default: ${DEFAULT-VALUE}); ImageNet normalization.")
    int inputSize;

    /**
     * Before the engine starts: runs oneDNN's kernels for aligned networks ({@link Architectures#useAlignedKernels}) when
     * the classifier and every MS-ROI network that {@code defenses} loads ({@code model=} of {@code msroi-jpeg} and
     * {@code aug-msroi-jpeg}, the shipped one by default) are Sieve architectures with aligned convolutions.
     */
    void useAlignedKernels(String defenses) {
        List<String> archs = new ArrayList<>();
        Optional<String> classifier = ModelFiles.architecture(model);
        if (classifier.isEmpty()) {
            return;
        }
        archs.add(classifier.get());
        if (defenses != null && defenses.contains("msroi-jpeg")) {
            Matcher m = MODEL_PARAM.matcher(defenses);
            List<String> specs = new ArrayList<>(List.of(ModelFiles.BUILTIN_PREFIX + MsroiModels.DEFAULT));
            while (m.find()) {
                specs.add(m.group(1).equals("default") ? ModelFiles.BUILTIN_PREFIX + MsroiModels.DEFAULT : m.group(1));
            }
            for (String spec : specs) {
                Optional<String> a = ModelFiles.architecture(spec);
                if (a.isEmpty()) {
                    return;
                }
                archs.add(a.get());
            }
        }
        Architectures.useAlignedKernels(archs);
    }

    DjlClassifier open() throws IOException {
        if (inputSize < 8 || inputSize > 4096) {
            throw new UsageError("--input-size must be in 8..4096, got " + inputSize);
        }
        return ModelFiles.open(model, classes, inputSize);
    }
}
