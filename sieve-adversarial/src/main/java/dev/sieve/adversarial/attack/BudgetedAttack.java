package dev.sieve.adversarial.attack;

import dev.sieve.nn.model.Classifier;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Base of the attacks that take a perturbation size ε (FGSM, Gradient Attack, BIM, PGD). In fixed
 * mode every image gets the budget's ε. In minimal mode (Foolbox 1.x's epsilon search) each image
 * gets the smallest ε that reaches the goal: a scan of {@value #SCAN} equal steps up to the
 * budget's ε (1 without a budget), then {@value #REFINE} bisections between the last failing and
 * the first succeeding step; the same seed is used for every trial.
 */
public abstract class BudgetedAttack extends WhiteBoxAttack {
    static final int SCAN = 20;
    static final int REFINE = 6;
    protected final Norm norm;
    private boolean allSteps;

    protected BudgetedAttack(Classifier model, Norm norm, Budget budget, boolean minimal) {
        super(model, budget, minimal);
        if (budget != null && budget.norm() != norm) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " attacks in " + norm.key() + ", not " + budget.norm().key());
        }
        if (budget == null && !minimal) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs a budget unless it searches the minimal one");
        }
        this.norm = norm;
    }

    /** Attacked copies of {@code x} with perturbation size {@code eps[i]} for image {@code i}. */
    protected abstract float[][] perturb(float[][] x, Goal goal, double[] eps, SplittableRandom rnd);

    @Override
    protected final float[][] perturb(float[][] x, Goal goal, SplittableRandom rnd) {
        long seed = rnd.nextLong();
        double max = budget == null ? 1 : budget.epsilon();
        if (!minimal) {
            double[] eps = new double[x.length];
            Arrays.fill(eps, max);
            return perturb(x, goal, eps, new SplittableRandom(seed));
        }
        float[][] best = copy(x);
        double[] lo = new double[x.length], hi = new double[x.length];
        boolean[] found = new boolean[x.length];
        for (int step = 1; step <= SCAN; step++) {
            int[] idx = active(found);
            if (idx.length == 0) {
                break;
            }
            double[] eps = new double[idx.length];
            Arrays.fill(eps, max * step / SCAN);
            boolean[] ok = trial(x, goal, idx, eps, seed, best);
            for (int k = 0; k < idx.length; k++) {
                if (ok[k]) {
                    found[idx[k]] = true;
                    hi[idx[k]] = eps[k];
                    lo[idx[k]] = max * (step - 1) / SCAN;
                }
            }
        }
        boolean[] notFound = new boolean[x.length];
        for (int i = 0; i < x.length; i++) {
            notFound[i] = !found[i];
        }
        int[] idx = active(notFound);
        for (int r = 0; r < REFINE && idx.length > 0; r++) {
            double[] eps = new double[idx.length];
            for (int k = 0; k < idx.length; k++) {
                eps[k] = (lo[idx[k]] + hi[idx[k]]) / 2;
            }
            boolean[] ok = trial(x, goal, idx, eps, seed, best);
            for (int k = 0; k < idx.length; k++) {
                if (ok[k]) {
                    hi[idx[k]] = eps[k];
                } else {
                    lo[idx[k]] = eps[k];
                }
            }
        }
        return best;
    }

    /** Runs the attack on images {@code idx} at {@code eps}; stores successes in {@code best}. */
    private boolean[] trial(float[][] x, Goal goal, int[] idx, double[] eps, long seed, float[][] best) {
        Goal g = goal.select(idx);
        float[][] adv = perturb(rows(x, idx), g, eps, new SplittableRandom(seed));
        int[] p = predict(adv);
        boolean[] ok = new boolean[idx.length];
        for (int k = 0; k < idx.length; k++) {
            ok[k] = g.reached(k, p[k]);
            if (ok[k]) {
                best[idx[k]] = adv[k];
            }
        }
        return ok;
    }

    /** Runs every image for all steps in fixed mode too, fooled or not (benchmarks of the per-step cost). */
    public BudgetedAttack runAllSteps() {
        allSteps = true;
        return this;
    }

    /** Whether an image may leave the batch once fooled ({@link #reachedAsSubmitted}): fixed mode, unless {@link #runAllSteps}. */
    protected boolean stopsFooled() {
        return !minimal && !allSteps;
    }

    /**
     * Which iterates {@code it} (of images {@code idx}, judged by {@code pass}) reach the goal both by
     * the pass's logits and as {@link #run} submits them (on the 8-bit grid): a fixed-budget attack
     * may stop those images, since the full run would end in this or a later success. A forward pass
     * for the images the logits call fooled.
     */
    protected final boolean[] reachedAsSubmitted(float[][] x, int[] idx, float[][] it, Goal goal, LossPass pass) {
        Goal active = goal.select(idx);
        boolean[] out = new boolean[idx.length];
        int[] fooled = java.util.stream.IntStream.range(0, idx.length).filter(r -> pass.reached(active, r)).toArray();
        if (fooled.length == 0) {
            return out;
        }
        int[] images = new int[fooled.length];
        for (int q = 0; q < fooled.length; q++) {
            images[q] = idx[fooled[q]];
        }
        int[] p = new int[fooled.length];
        submitted(rows(x, images), rows(it, fooled), goal.select(images), p);
        for (int q = 0; q < fooled.length; q++) {
            out[fooled[q]] = goal.reached(images[q], p[q]);
        }
        return out;
    }

    /** {@code x + step · direction}, where direction is sign(g) (L∞) or g / RMS(g) (L2), clipped to [0, 1]. */
    protected float[] step(float[] x, float[] g, double size) {
        float[] out = new float[x.length];
        if (norm == Norm.LINF) {
            float s = (float) size;
            for (int j = 0; j < x.length; j++) {
                out[j] = clip(x[j] + s * Math.signum(g[j]));
            }
            return out;
        }
        double rms = Norm.L2.size(g);
        float s = rms > 0 ? (float) (size / rms) : 0f;
        for (int j = 0; j < x.length; j++) {
            out[j] = clip(x[j] + s * g[j]);
        }
        return out;
    }

    /** {@code adv} in the ε-ball around {@code x} (in this attack's norm) and the [0, 1] box. */
    protected float[] inBall(float[] x, float[] adv, double eps) {
        float[] d = delta(x, adv);
        norm.project(d, eps);
        float[] out = new float[x.length];
        for (int j = 0; j < x.length; j++) {
            out[j] = clip(x[j] + d[j]);
        }
        return out;
    }

    /** A standard normal draw (Box–Muller). */
    protected static double gaussian(SplittableRandom rnd) {
        double u = 1 - rnd.nextDouble(), v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    protected String budgetSpecOf(String name) {
        return name + ":" + (budget == null ? "" : budget + ",") + "minimal=" + minimal;
    }
}
