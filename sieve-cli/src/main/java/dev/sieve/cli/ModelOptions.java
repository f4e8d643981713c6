package dev.sieve.cli;

import dev.sieve.nn.model.DjlClassifier;
import dev.sieve.nn.model.ModelFiles;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --model} option shared by commands that run a classifier: a model file or {@code builtin:NAME}. */
final class ModelOptions {
    @Option(names = {"-m", "--model"}, paramLabel = "MODEL", defaultValue = "builtin:fashion-c3-32",
            description = {"A Sieve checkpoint (.safetensors from 'sieve train' or 'sieve import'), a TorchScript file " +
                "(.pt/.pth) or builtin:NAME, a model shipped with Sieve (default: ${DEFAULT-VALUE}, C^3(32) trained on Fashion-MNIST)."})
    String model;

    @Option(names = "--classes", paramLabel = "FILE", description = "TorchScript only: class names, one per line.")
    Path classes;

    @Option(names = "--input-size", paramLabel = "N", defaultValue = "224",
            description = "TorchScript only: square input size (default: ${DEFAULT-VALUE}); ImageNet normalization.")
    int inputSize;

    DjlClassifier open() throws IOException {
        if (inputSize < 8 || inputSize > 4096) {
            throw new UsageError("--input-size must be in 8..4096, got " + inputSize);
        }
        return ModelFiles.open(model, classes, inputSize);
    }
}
