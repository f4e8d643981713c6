package dev.sieve.adversarial.attack;

import dev.sieve.nn.model.Classifier;
import java.util.SplittableRandom;

/**
 * L-BFGS attack (Szegedy et al. 2014; thesis §3.3.6, §4.2.3): minimize
 * {@code c · CE(F(x'), t) + ‖x' − x‖²/n} over the box {@code x' ∈ [0, 1]^n} with box-constrained
 * L-BFGS ({@link ProjectedLbfgs}, {@code iterations} steps), and line-search the constant c per
 * image as Foolbox 1.x: from {@code c = 0.01} multiply by 10 until the attack succeeds (at most
 * {@value #GROW} times), then {@code bisections} geometric bisections toward the smallest
 * successful c; the closest successful image is kept. Untargeted goals aim at the second most
 * likely class of the clean image.
 */
public final class Lbfgs extends WhiteBoxAttack {
    static final int GROW = 6;
    private final int iterations;
    private final int bisections;

    public Lbfgs(Classifier model, Budget cap, boolean minimal, int iterations, int bisections) {
        super(model, cap, minimal);
        if (iterations < 1 || bisections < 0) {
            throw new IllegalArgumentException("L-BFGS needs iterations ≥ 1 and bisections ≥ 0");
        }
        this.iterations = iterations;
        this.bisections = bisections;
    }

    /** 100 L-BFGS steps per c, 4 bisections of c, unbounded. */
    public Lbfgs(Classifier model) {
        this(model, null, true, 100, 4);
    }

    @Override
    protected float[][] perturb(float[][] x, Goal goal, SplittableRandom rnd) {
        int n = x.length;
        int[] target = targetsOrRunnerUp(x, goal);
        double[] c = new double[n], lo = new double[n], hi = new double[n];
        java.util.Arrays.fill(c, 0.01);
        java.util.Arrays.fill(hi, Double.NaN);
        float[][] best = copy(x);
        double[] bestDist = new double[n];
        java.util.Arrays.fill(bestDist, Double.POSITIVE_INFINITY);
        int[] refined = new int[n];
        boolean[] finished = new boolean[n];
        for (int round = 0; round < GROW + bisections; round++) {
            for (int i = 0; i < n; i++) {
                finished[i] = refined[i] >= bisections && !Double.isNaN(hi[i]);
            }
            int[] idx = active(finished);
            if (idx.length == 0) {
                break;
            }
            float[][] xs = rows(x, idx);
            int[] t = new int[idx.length];
            double[] cs = new double[idx.length];
            for (int a = 0; a < idx.length; a++) {
                t[a] = target[idx[a]];
                cs[a] = c[idx[a]];
            }
            float[][] adv = minimize(xs, t, cs);
            int[] p = predict(adv);
            Goal g = goal.select(idx);
            for (int a = 0; a < idx.length; a++) {
                int i = idx[a];
                if (!Double.isNaN(hi[i])) {
                    refined[i]++;
                }
                if (g.reached(a, p[a])) {
                    double d = Norm.L2.size(delta(x[i], adv[a]));
                    if (d < bestDist[i]) {
                        bestDist[i] = d;
                        best[i] = adv[a];
                    }
                    hi[i] = c[i];
                } else {
                    lo[i] = c[i];
                }
                c[i] = Double.isNaN(hi[i]) ? c[i] * 10 : lo[i] == 0 ? c[i] / 10 : Math.sqrt(lo[i] * hi[i]);
            }
        }
        return best;
    }

    /** Runs box-constrained L-BFGS for every image at its constant. */
    private float[][] minimize(float[][] x, int[] target, double[] c) {
        int n = x.length, size = x[0].length;
        ProjectedLbfgs[] opt = new ProjectedLbfgs[n];
        for (int i = 0; i < n; i++) {
            opt[i] = new ProjectedLbfgs(x[i], iterations);
        }
        boolean[] done = new boolean[n];
        while (true) {
            for (int i = 0; i < n; i++) {
                done[i] = opt[i].done();
            }
            int[] idx = active(done);
            if (idx.length == 0) {
                break;
            }
            float[][] xs = new float[idx.length][];
            int[] t = new int[idx.length];
            for (int a = 0; a < idx.length; a++) {
                xs[a] = opt[idx[a]].ask();
                t[a] = target[idx[a]];
            }
            float[] ce = new float[idx.length];
            float[][] g = crossEntropyGradient(xs, t, ce);
            for (int a = 0; a < idx.length; a++) {
                int i = idx[a];
                double dist = 0;
                for (int j = 0; j < size; j++) {
                    double d = xs[a][j] - x[i][j];
                    dist += d * d;
                    g[a][j] = (float) (c[i] * g[a][j] + 2 * d / size);
                }
                opt[i].tell(c[i] * ce[a] + dist / size, g[a]);
            }
        }
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = opt[i].x();
        }
        return out;
    }

    @Override
    public String spec() {
        return "lbfgs:" + budgetSpec() + ",iterations=" + iterations + ",bisections=" + bisections;
    }
}
