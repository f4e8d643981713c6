package dev.sieve.repr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sub-network {@code M_{F−F̂}} of Algorithm 3: the dropped filters {@code F̂} are zeroed
 * (weights, bias, and the γ, β of their BatchNorm, so their channel outputs exactly 0) and kept at
 * zero while the rest trains, by multiplying their gradients by 0 between {@code backward()} and
 * the optimizer step (one unmasked step makes them regrow). Weight decay of a zero weight
 * is zero; momentum and Adam moments of the dropped filters are zeroed at the drop by
 * {@link #apply(ResettableOptimizer)}, so nothing moves them. BatchNorm running statistics are
 * left as they are: with γ = β = 0 they do not affect the output.
 */
public final class FilterMask implements AutoCloseable {
    private final List<ConvLayer> layers;
    private final boolean[][] drop;
    private final Map<Parameter, NDArray> keep = new LinkedHashMap<>();

    public FilterMask(List<ConvLayer> layers, boolean[][] drop) {
        if (drop.length != layers.size()) {
            throw new IllegalArgumentException(drop.length + " layer selections for " + layers.size() + " layers");
        }
        this.layers = List.copyOf(layers);
        this.drop = new boolean[drop.length][];
        for (int l = 0; l < drop.length; l++) {
            int j = layers.get(l).filters();
            if (drop[l].length != 0 && drop[l].length != j) {
                throw new IllegalArgumentException("layer " + layers.get(l).name() + " has " + j + " filters, selection has " + drop[l].length);
            }
            this.drop[l] = drop[l].length == 0 ? new boolean[j] : drop[l].clone();
            if (any(this.drop[l])) {
                for (Parameter p : layers.get(l).perFilterParameters()) {
                    NDArray a = p.getArray();
                    keep.put(p, keepMask(a.getManager(), this.drop[l], a.getShape()));
                }
            }
        }
    }

    /** Zeroes the dropped filters and their optimizer state (Algorithm 3, line 6). */
    public void apply(ResettableOptimizer optimizer) {
        for (Map.Entry<Parameter, NDArray> e : keep.entrySet()) {
            e.getKey().getArray().muli(e.getValue());
        }
        if (optimizer != null) {
            for (int l = 0; l < layers.size(); l++) {
                if (any(drop[l])) {
                    for (Parameter p : layers.get(l).perFilterParameters()) {
                        optimizer.resetFilters(p, drop[l]);
                    }
                }
            }
        }
    }

    /** Multiplies the gradients of the dropped filters by 0; call between backward and the optimizer step. */
    public void maskGradients() {
        for (Map.Entry<Parameter, NDArray> e : keep.entrySet()) {
            try (NDArray g = e.getKey().getArray().getGradient()) {
                g.muli(e.getValue());
            }
        }
    }

    /** The dropped filters, per layer. */
    public boolean[][] dropped() {
        boolean[][] c = new boolean[drop.length][];
        for (int l = 0; l < drop.length; l++) {
            c[l] = drop[l].clone();
        }
        return c;
    }

    public List<ConvLayer> layers() {
        return layers;
    }

    /** Number of dropped filters. */
    public int count() {
        return Arrays.stream(FilterScores.droppedPerLayer(drop)).sum();
    }

    /**
     * A 0/1 tensor that keeps the filters {@code drop} does not mark, shaped to broadcast over a
     * parameter of {@code shape} whose dimension 0 indexes the filters.
     */
    static NDArray keepMask(NDManager manager, boolean[] drop, Shape shape) {
        float[] k = new float[drop.length];
        for (int i = 0; i < k.length; i++) {
            k[i] = drop[i] ? 0f : 1f;
        }
        long[] dims = new long[shape.dimension()];
        Arrays.fill(dims, 1);
        dims[0] = drop.length;
        return manager.create(k, new Shape(dims));
    }

    static boolean any(boolean[] b) {
        for (boolean x : b) {
            if (x) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        keep.values().forEach(NDArray::close);
    }
}
