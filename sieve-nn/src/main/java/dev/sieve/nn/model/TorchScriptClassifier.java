package dev.sieve.nn.model;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import dev.sieve.nn.NnRuntime;
import java.io.IOException;
import java.lang.reflect.Field;
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
        NnRuntime.requireAnyConvolution("the TorchScript model " + file);
        Model model = Model.newInstance(file.getFileName().toString(), NnRuntime.device(), NnRuntime.engine().getEngineName());
        try {
            // trainParam: load the weights as ordinary tensors (not inference tensors) so gradients can flow
            model.load(file.toAbsolutePath(), null, java.util.Map.of("trainParam", "true"));
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

    /**
     * DJL runs a TorchScript module either in eval mode without autograd or in train mode with it
     * (batch norm would then use batch statistics and change its running averages). For input
     * gradients we need eval mode with autograd: mark the block as already in training so DJL does
     * not switch modes, put the module in eval mode, and call it as in training.
     */
    @Override
    protected NDList forwardWithGradient(ParameterStore ps, NDArray normalized) {
        PtSymbolBlock block = (PtSymbolBlock) model.getBlock();
        try {
            Field isTrain = PtSymbolBlock.class.getDeclaredField("isTrain");
            isTrain.setAccessible(true);
            isTrain.setBoolean(block, true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("input gradients of TorchScript models need DJL 0.36's PtSymbolBlock (" + e + ")", e);
        }
        JniUtils.enableInferenceMode(block);
        return block.forward(ps, new NDList(normalized), true);
    }
}
