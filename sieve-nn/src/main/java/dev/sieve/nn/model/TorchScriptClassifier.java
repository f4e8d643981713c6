package dev.sieve.nn.model;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import dev.sieve.nn.NnRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * A TorchScript model ({@code torch.jit.save}) loaded through DJL's PyTorch engine; it must map a
 * normalized {@code N×C×H×W} batch to logits (its first output). Input spec and class names are
 * not in the file, so the caller supplies them.
 */
public final class TorchScriptClassifier extends DjlClassifier {
    private TorchScriptClassifier(Model model, InputSpec spec, List<String> classes) {
        super(model, spec, classes);
    }

    /** Loads {@code file}. */
    public static TorchScriptClassifier load(Path file, InputSpec spec, List<String> classes) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file + ": no such file");
        }
        Model model = Model.newInstance(file.getFileName().toString(), NnRuntime.device(), NnRuntime.engine().getEngineName());
        try {
            model.load(file.toAbsolutePath());
        } catch (MalformedModelException | RuntimeException e) {
            model.close();
            throw new IOException(file + ": not a TorchScript model (" + e.getMessage() + ")", e);
        }
        return new TorchScriptClassifier(model, spec, classes);
    }

    @Override
    protected NDList forward(ParameterStore ps, NDArray normalized, boolean training) {
        return model.getBlock().forward(ps, new NDList(normalized), training);
    }
}
