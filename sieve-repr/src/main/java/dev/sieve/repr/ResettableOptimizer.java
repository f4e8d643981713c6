package dev.sieve.repr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.sieve.nn.train.OptimizerKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SGD, SGD with momentum and Adam whose per-parameter state can be reset filter by filter, as
 * Algorithm 3 needs (lines 10–12: re-initialized filters must not inherit momentum or Adam
 * moments; pruned filters must not keep moving on stale momentum). DJL's {@code Sgd} and
 * {@code Adam} keep that state in private fields with no API to reach it, so Sieve carries its own
 * update rules, used for standard and RePr training alike (the thesis compares both "with a common
 * optimizer", §5.4). Update rules, PyTorch's conventions, weight decay {@code λ} as L2 added to
 * the gradient:
 * <ul>
 *   <li>SGD: {@code w ← w − η(g + λw)}</li>
 *   <li>momentum μ = 0.9: {@code v ← μv + g + λw; w ← w − ηv}</li>
 *   <li>Adam (β1 0.9, β2 0.999, ε 1e-8): {@code m ← β1m + (1−β1)g', v ← β2v + (1−β2)g'², t ← t+1,
 *       w ← w − η m/(1−β1^t) / (√(v/(1−β2^t)) + ε)}, with {@code g' = g + λw}.</li>
 * </ul>
 * Adam's step count {@code t} is kept per element, not per tensor, so a reset filter restarts its
 * bias correction exactly as if it were new (a per-tensor {@code t} would give its first step a
 * √(1−β2)/(1−β1) ≈ 0.32 times smaller effective denominator, i.e. a ~3× larger step).
 */
public final class ResettableOptimizer extends Optimizer {
    private static final float MOMENTUM = 0.9f, BETA1 = 0.9f, BETA2 = 0.999f, EPSILON = 1e-8f;
    private final OptimizerKind kind;
    private final Tracker learningRate;
    private final Map<String, NDArray[]> states = new HashMap<>();
    private final Map<String, Integer> updates = new HashMap<>();

    public ResettableOptimizer(OptimizerKind kind, Tracker learningRate, float weightDecay) {
        super(new Builder().optWeightDecays(weightDecay));
        this.kind = kind;
        this.learningRate = learningRate;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        float lr = learningRate.getNewValue(updates.merge(parameterId, 1, Integer::sum) - 1);
        float wd = getWeightDecay();
        try (NDManager tmp = weight.getManager().newSubManager()) {
            switch (kind) {
                case SGD -> {
                    NDArray d = temp(tmp, grad.mul(lr));
                    if (wd > 0) {
                        weight.muli(1 - lr * wd);
                    }
                    weight.subi(d);
                }
                case MOMENTUM -> {
                    NDArray v = state(parameterId, weight)[0];
                    v.muli(MOMENTUM).addi(grad);
                    if (wd > 0) {
                        v.addi(temp(tmp, weight.mul(wd)));
                    }
                    weight.subi(temp(tmp, v.mul(lr)));
                }
                case ADAM -> {
                    NDArray[] s = state(parameterId, weight);
                    NDArray m = s[0], v = s[1], t = s[2];
                    NDArray g = wd > 0 ? temp(tmp, grad.add(temp(tmp, weight.mul(wd)))) : grad;
                    m.muli(BETA1).addi(temp(tmp, g.mul(1 - BETA1)));
                    v.muli(BETA2).addi(temp(tmp, temp(tmp, g.square()).mul(1 - BETA2)));
                    t.addi(1f);
                    NDArray c1 = temp(tmp, temp(tmp, temp(tmp, t.mul((float) Math.log(BETA1))).exp()).neg().add(1f));
                    NDArray c2 = temp(tmp, temp(tmp, temp(tmp, t.mul((float) Math.log(BETA2))).exp()).neg().add(1f));
                    NDArray denom = temp(tmp, temp(tmp, temp(tmp, v.div(c2)).sqrt()).add(EPSILON));
                    weight.subi(temp(tmp, temp(tmp, temp(tmp, m.div(c1)).div(denom)).mul(lr)));
                }
            }
        }
    }

    private static NDArray temp(NDManager tmp, NDArray a) {
        a.attach(tmp);
        return a;
    }

    private NDArray[] state(String id, NDArray weight) {
        return states.computeIfAbsent(id, k -> {
            int n = kind == OptimizerKind.ADAM ? 3 : 1;
            NDArray[] s = new NDArray[n];
            for (int i = 0; i < n; i++) {
                s[i] = weight.zerosLike();
            }
            return s;
        });
    }

    /** The state tensors of {@code p} (momentum; or Adam's m, v, t); empty before its first update or for plain SGD. */
    public List<NDArray> state(Parameter p) {
        NDArray[] s = states.get(p.getId());
        return s == null ? List.of() : List.of(s);
    }

    /** Zeroes the state of the filters of {@code p} that {@code drop} marks (dimension 0 of {@code p}). */
    public void resetFilters(Parameter p, boolean[] drop) {
        NDArray[] s = states.get(p.getId());
        if (s == null) {
            return;
        }
        for (NDArray a : s) {
            try (NDArray keep = FilterMask.keepMask(a.getManager(), drop, a.getShape())) {
                a.muli(keep);
            }
        }
    }

    /** Zeroes the state of the elements of {@code p} where {@code keep} (0/1, broadcastable to {@code p}) is 0. */
    public void resetWhere(Parameter p, NDArray keep) {
        NDArray[] s = states.get(p.getId());
        if (s != null) {
            for (NDArray a : s) {
                a.muli(keep);
            }
        }
    }

    /**
     * The whole state, keyed by the parameters' names in {@code params} (as {@code StateDict.parameters}
     * gives them): per parameter its update count and its state tensors as float arrays.
     */
    public Map<String, Snapshot> snapshot(Map<String, Parameter> params) {
        Map<String, Snapshot> m = new java.util.TreeMap<>();
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            String id = e.getValue().getId();
            Integer n = updates.get(id);
            if (n == null) {
                continue;
            }
            NDArray[] s = states.get(id);
            float[][] values = new float[s == null ? 0 : s.length][];
            for (int i = 0; i < values.length; i++) {
                values[i] = s[i].toFloatArray();
            }
            m.put(e.getKey(), new Snapshot(n, values));
        }
        return m;
    }

    /** Restores a {@link #snapshot} onto {@code params} (the same names; shapes from the parameters). */
    public void restore(Map<String, Parameter> params, Map<String, Snapshot> snapshot) {
        for (Map.Entry<String, Snapshot> e : snapshot.entrySet()) {
            Parameter p = params.get(e.getKey());
            if (p == null) {
                throw new IllegalArgumentException("optimizer state for unknown parameter " + e.getKey());
            }
            NDArray w = p.getArray();
            updates.put(p.getId(), e.getValue().updates());
            float[][] values = e.getValue().state();
            if (values.length == 0) {
                continue;
            }
            NDArray[] s = new NDArray[values.length];
            for (int i = 0; i < s.length; i++) {
                if (values[i].length != w.size()) {
                    throw new IllegalArgumentException("optimizer state for " + e.getKey() + " has " + values[i].length + " values, the parameter "
                            + w.size());
                }
                s[i] = w.getManager().create(values[i], w.getShape());
            }
            NDArray[] old = states.put(p.getId(), s);
            if (old != null) {
                for (NDArray a : old) {
                    a.close();
                }
            }
        }
    }

    /** One parameter's optimizer state: how many updates it had, and its state tensors (none for plain SGD). */
    public record Snapshot(int updates, float[][] state) {
    }

    private static final class Builder extends OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
