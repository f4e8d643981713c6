package dev.sieve.nn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A network's parameters under PyTorch state-dict names ({@code layer1.0.bn1.running_mean}): the
 * block tree's child names joined by dots (DJL's two-digit child prefixes dropped), with DJL's
 * batch-norm names mapped to PyTorch's ({@code gamma→weight}, {@code beta→bias},
 * {@code runningMean→running_mean}, {@code runningVar→running_var}).
 */
public final class StateDict {
    private StateDict() {
    }

    /** The (initialized) parameters of {@code block} by PyTorch name, in block order. */
    public static Map<String, Parameter> parameters(Block block) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        walk("", block, out);
        return out;
    }

    private static void walk(String prefix, Block block, Map<String, Parameter> out) {
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            out.put(prefix + torchName(p.getKey()), p.getValue());
        }
        for (Pair<String, Block> c : block.getChildren()) {
            walk(prefix + c.getKey().substring(2) + ".", c.getValue(), out);
        }
    }

    private static String torchName(String djl) {
        return switch (djl) {
            case "gamma" -> "weight";
            case "beta" -> "bias";
            case "runningMean" -> "running_mean";
            case "runningVar" -> "running_var";
            default -> djl;
        };
    }

    /** The values of every parameter of {@code block}. */
    public static Map<String, Tensor> export(Block block) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : parameters(block).entrySet()) {
            NDArray a = e.getValue().getArray();
            out.put(e.getKey(), new Tensor(a.getShape().getShape(), a.toFloatArray()));
        }
        return out;
    }

    /**
     * Copies {@code tensors} into the parameters of {@code block} by name. Every parameter must be
     * present with its exact shape unless {@code partial} (then missing ones keep their values).
     * Returns the names of tensors that matched no parameter (PyTorch's {@code num_batches_tracked}
     * is skipped silently).
     */
    public static List<String> load(Block block, Map<String, Tensor> tensors, String source, boolean partial) {
        Map<String, Parameter> params = parameters(block);
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            Tensor t = tensors.get(e.getKey());
            NDArray a = e.getValue().getArray();
            if (t == null) {
                missing.add(e.getKey());
                continue;
            }
            if (!Arrays.equals(t.shape(), a.getShape().getShape())) {
                throw new IllegalArgumentException(source + ": tensor " + e.getKey() + " has shape " + Arrays.toString(t.shape())
                        + ", the model needs " + a.getShape() + " (wrong architecture or number of classes?)");
            }
        }
        if (!missing.isEmpty() && !partial) {
            throw new IllegalArgumentException(source + ": " + missing.size() + " model parameters missing from the weights, first "
                    + missing.get(0) + " (wrong architecture?)");
        }
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            Tensor t = tensors.get(e.getKey());
            if (t != null) {
                e.getValue().getArray().set(FloatBuffer.wrap(t.data()));
            }
        }
        List<String> unused = new ArrayList<>();
        for (String name : tensors.keySet()) {
            if (!params.containsKey(name) && !name.endsWith("num_batches_tracked")) {
                unused.add(name);
            }
        }
        return unused;
    }
}
