package dev.sieve.repr;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sparse phase of Dense–Sparse–Dense training (Han et al. 2017, "DSD", thesis Table 5.4): in
 * every layer the fraction {@code p} of weights with the smallest magnitude is set to 0 and kept
 * there (gradients multiplied by the 0/1 mask between backward and the optimizer step, optimizer
 * state zeroed at the drop); closing the mask re-densifies the network, the pruned weights
 * restarting from 0 with fresh optimizer state. Pruned: every weight tensor with at least two
 * dimensions (convolution kernels and fully connected matrices, Han et al. prune both); biases and
 * BatchNorm parameters are not pruned. Ties at the threshold are broken by element index, so
 * exactly {@code round(p·size)} weights of each layer are dropped.
 */
public final class WeightMask implements AutoCloseable {
    private final Map<String, boolean[]> drop;
    private final Map<Parameter, NDArray> keep = new LinkedHashMap<>();

    /** Masks {@code drop[name]} (true = pruned) of the parameters {@code params} by name. */
    public WeightMask(Map<String, Parameter> params, Map<String, boolean[]> drop) {
        this.drop = new LinkedHashMap<>(drop);
        for (Map.Entry<String, boolean[]> e : this.drop.entrySet()) {
            Parameter p = params.get(e.getKey());
            if (p == null || p.getArray().size() != e.getValue().length) {
                throw new IllegalArgumentException("weight mask for " + e.getKey() + " does not fit the network");
            }
            NDArray a = p.getArray();
            float[] k = new float[e.getValue().length];
            for (int i = 0; i < k.length; i++) {
                k[i] = e.getValue()[i] ? 0f : 1f;
            }
            keep.put(p, a.getManager().create(k, a.getShape()));
        }
    }

    /** The bottom {@code fraction} of each prunable weight tensor of {@code params} by |w|. */
    public static WeightMask byMagnitude(Map<String, Parameter> params, double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("prune fraction must be in (0, 1), got " + fraction);
        }
        Map<String, boolean[]> drop = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            if (!prunable(e.getValue())) {
                continue;
            }
            float[] w = e.getValue().getArray().toFloatArray();
            Integer[] order = new Integer[w.length];
            Arrays.setAll(order, i -> i);
            Arrays.sort(order, (a, b) -> {
                int c = Float.compare(Math.abs(w[a]), Math.abs(w[b]));
                return c != 0 ? c : Integer.compare(a, b);
            });
            boolean[] d = new boolean[w.length];
            int n = (int) Math.round(fraction * w.length);
            for (int i = 0; i < n; i++) {
                d[order[i]] = true;
            }
            drop.put(e.getKey(), d);
        }
        return new WeightMask(params, drop);
    }

    /** True for the tensors DSD prunes: weights of convolutions and fully connected layers. */
    static boolean prunable(Parameter p) {
        return p.getType() == Parameter.Type.WEIGHT && p.getArray().getShape().dimension() >= 2;
    }

    /** Zeroes the pruned weights and their optimizer state. */
    public void apply(ResettableOptimizer optimizer) {
        for (Map.Entry<Parameter, NDArray> e : keep.entrySet()) {
            e.getKey().getArray().muli(e.getValue());
            if (optimizer != null) {
                optimizer.resetWhere(e.getKey(), e.getValue());
            }
        }
    }

    /** Multiplies the gradients of the pruned weights by 0; call between backward and the optimizer step. */
    public void maskGradients() {
        for (Map.Entry<Parameter, NDArray> e : keep.entrySet()) {
            try (NDArray g = e.getKey().getArray().getGradient()) {
                g.muli(e.getValue());
            }
        }
    }

    /** Re-densifies: the pruned weights restart from 0 with zeroed optimizer state (Adam's step count included). */
    public void release(ResettableOptimizer optimizer) {
        apply(optimizer);
    }

    /** The pruned elements, per parameter name. */
    public Map<String, boolean[]> dropped() {
        Map<String, boolean[]> c = new LinkedHashMap<>();
        drop.forEach((k, v) -> c.put(k, v.clone()));
        return c;
    }

    /** Weights pruned in each masked tensor, in {@link #dropped()} order. */
    public int[] droppedPerTensor() {
        return drop.values().stream().mapToInt(d -> {
            int n = 0;
            for (boolean b : d) {
                n += b ? 1 : 0;
            }
            return n;
        }).toArray();
    }

    @Override
    public void close() {
        keep.values().forEach(NDArray::close);
    }
}
