package dev.sieve.repr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Re-initialization of the dropped filters (Algorithm 3, lines 10–12: "F̂ ⊥ F, and their training
 * specific parameters from BatchNorm and Adam"). Per layer:
 * <ol>
 *   <li>an orthonormal basis of the span of the kept filters (their current values) and of the
 *       dropped filters' values from before the drop is built by modified Gram–Schmidt, applied
 *       twice (a QR factorization; numerically dependent vectors are skipped);</li>
 *   <li>each dropped filter gets a seeded Gaussian vector with that basis projected out (and the
 *       filters re-initialized before it, so the new filters are orthogonal to each other too);</li>
 *   <li>it is scaled to the norm the layer's initializer gives a filter on average: He normal,
 *       {@code std = √(2/fan_in)}, norm {@code std·√fan_in = √2};</li>
 *   <li>its bias becomes 0; its BatchNorm gets γ = 1, β = 0, running mean 0, running variance 1; its
 *       momentum / Adam moments and Adam step count become 0 ({@link ResettableOptimizer}).</li>
 * </ol>
 * When the null space is too small (more kept plus pre-drop filters than {@code fan_in}, e.g. a
 * first layer of {@code 3·3·1 = 9}-long filters), orthogonality to the pre-drop values is given up
 * first, then orthogonality to the kept filters; the {@link Result} counts such fallbacks.
 */
public final class OrthogonalReinit {
    private static final double DEPENDENT = 1e-6, NO_ROOM = 1e-3;

    /** Filters re-initialized, and how many of them could not be made orthogonal to all asked. */
    public record Result(int filters, int withoutPreDropOrthogonality, int withoutKeptOrthogonality) {
    }

    private OrthogonalReinit() {
    }

    /**
     * Re-initializes the filters {@code mask} dropped. {@code preDrop[ℓ]} holds layer ℓ's rows as
     * they were before the drop (null for untouched layers).
     */
    public static Result apply(FilterMask mask, float[][][] preDrop, ResettableOptimizer optimizer, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        boolean[][] drop = mask.dropped();
        int total = 0, noPre = 0, noKept = 0;
        for (int l = 0; l < drop.length; l++) {
            if (!FilterMask.any(drop[l])) {
                continue;
            }
            ConvLayer layer = mask.layers().get(l);
            float[][] rows = layer.rows();
            int j = rows.length, d = layer.fanIn();
            List<double[]> keptBasis = new ArrayList<>();
            for (int f = 0; f < j; f++) {
                if (!drop[l][f]) {
                    addToBasis(keptBasis, toDouble(rows[f]));
                }
            }
            List<double[]> fullBasis = new ArrayList<>(keptBasis);
            for (int f = 0; f < j; f++) {
                if (drop[l][f] && preDrop[l] != null) {
                    addToBasis(fullBasis, toDouble(preDrop[l][f]));
                }
            }
            double scale = Math.sqrt(2.0 / d) * Math.sqrt(d);
            float[] fresh = new float[j * d];
            for (int f = 0; f < j; f++) {
                if (!drop[l][f]) {
                    continue;
                }
                double[] r = gaussian(rnd, d);
                double[] v = residual(fullBasis, r);
                if (norm(v) < NO_ROOM * norm(r)) {
                    noPre++;
                    v = residual(keptBasis, r);
                    if (norm(v) < NO_ROOM * norm(r)) {
                        noKept++;
                        v = r;
                    }
                }
                double n = norm(v);
                for (int k = 0; k < d; k++) {
                    v[k] /= n;
                    fresh[f * d + k] = (float) (v[k] * scale);
                }
                fullBasis.add(v);
                keptBasis.add(v);
                total++;
            }
            write(layer, drop[l], fresh, optimizer);
        }
        return new Result(total, noPre, noKept);
    }

    private static void write(ConvLayer layer, boolean[] drop, float[] fresh, ResettableOptimizer optimizer) {
        NDArray w = layer.weight().getArray();
        NDManager m = w.getManager();
        try (NDArray keep = FilterMask.keepMask(m, drop, w.getShape());
                NDArray values = m.create(fresh, w.getShape())) {
            w.muli(keep).addi(values);
        }
        zero(layer.bias(), drop);
        setTo(layer.gamma(), drop, 1f);
        zero(layer.beta(), drop);
        zero(layer.runningMean(), drop);
        setTo(layer.runningVar(), drop, 1f);
        if (optimizer != null) {
            for (Parameter p : layer.perFilterParameters()) {
                optimizer.resetFilters(p, drop);
            }
        }
    }

    private static void zero(Parameter p, boolean[] drop) {
        setTo(p, drop, 0f);
    }

    private static void setTo(Parameter p, boolean[] drop, float value) {
        if (p == null) {
            return;
        }
        NDArray a = p.getArray();
        float[] add = new float[drop.length];
        for (int i = 0; i < add.length; i++) {
            add[i] = drop[i] ? value : 0f;
        }
        try (NDArray keep = FilterMask.keepMask(a.getManager(), drop, a.getShape());
                NDArray v = a.getManager().create(add, new Shape(drop.length))) {
            a.muli(keep).addi(v);
        }
    }

    private static void addToBasis(List<double[]> basis, double[] v) {
        double before = norm(v);
        if (before == 0) {
            return;
        }
        double[] r = residual(basis, v);
        double n = norm(r);
        if (n > DEPENDENT * before) {
            for (int k = 0; k < r.length; k++) {
                r[k] /= n;
            }
            basis.add(r);
        }
    }

    /** {@code v} minus its projection on the orthonormal {@code basis}, by modified Gram–Schmidt run twice. */
    static double[] residual(List<double[]> basis, double[] v) {
        double[] r = v.clone();
        for (int pass = 0; pass < 2; pass++) {
            for (double[] b : basis) {
                double dot = 0;
                for (int k = 0; k < r.length; k++) {
                    dot += r[k] * b[k];
                }
                for (int k = 0; k < r.length; k++) {
                    r[k] -= dot * b[k];
                }
            }
        }
        return r;
    }

    private static double[] gaussian(SplittableRandom rnd, int d) {
        double[] r = new double[d];
        for (int k = 0; k < d; k++) {
            r[k] = rnd.nextGaussian();
        }
        return r;
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
