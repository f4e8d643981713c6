package dev.sieve.adversarial.attack;

import dev.sieve.image.Planar;
import dev.sieve.nn.model.Classifier;
import dev.sieve.nn.model.ClassifierLoss;
import dev.sieve.nn.model.InputGradient;
import dev.sieve.nn.model.LogitLoss;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Shared base of the gradient (white-box) attacks: converts images to flat channel-first arrays
 * with samples in [0, 1] (the unit every budget is stated in), asks the {@link Classifier} for
 * logits and input gradients (chain rule: ∂/∂(x/255) = 255 ∂/∂x), and turns the attacked arrays
 * back into an {@link AttackResult}. Subclasses implement {@link #perturb}.
 *
 * <p>{@code budget} is the fixed budget of fixed-budget attacks; for the minimal-perturbation
 * attacks (DeepFool, JSMA, L-BFGS, C&amp;W) it is an optional cap ({@code null} = none): with
 * {@code minimal} false their result is projected into the ball (fixed mode), with {@code minimal}
 * true a result outside it is a failure and the original comes back (see {@link Attack}).
 * Results are rounded onto the 8-bit grid ({@link EightBitGrid}: to nearest, or away from the clean
 * image where nearest loses the goal) before they are judged, unless {@link #useFloatSamples}.
 */
public abstract class WhiteBoxAttack implements Attack {
    private static final int CHUNK = 256;
    protected final Classifier model;
    protected final Budget budget;
    protected final boolean minimal;
    private boolean floatSamples;

    protected WhiteBoxAttack(Classifier model, Budget budget, boolean minimal) {
        this.model = model;
        this.budget = budget;
        this.minimal = minimal;
    }

    /** Attacked copies of {@code x} (rows of samples in [0, 1]); need not respect the budget cap. */
    protected abstract float[][] perturb(float[][] x, Goal goal, SplittableRandom rnd);

    @Override
    public boolean supportsTargeted() {
        return true;
    }

    public Classifier model() {
        return model;
    }

    @Override
    public Attack useFloatSamples() {
        floatSamples = true;
        return this;
    }

    @Override
    public final AttackResult run(List<Planar> images, Goal goal, long seed) {
        if (images.size() != goal.size()) {
            throw new IllegalArgumentException(images.size() + " images but " + goal.size() + " labels");
        }
        if (goal.isTargeted() && !supportsTargeted()) {
            throw new IllegalArgumentException(spec() + " is an untargeted attack");
        }
        for (int i = 0; i < goal.size(); i++) {
            check(goal.labels()[i]);
            if (goal.isTargeted()) {
                check(goal.targets()[i]);
            }
        }
        if (images.isEmpty()) {
            return new AttackResult(List.of(), new int[0], new boolean[0], new double[0], new double[0]);
        }
        float[][] x = unit(images);
        float[][] adv = perturb(x, goal, new SplittableRandom(seed));
        int[] predicted = new int[adv.length];
        adv = submitted(x, adv, goal, predicted);
        boolean[] success = new boolean[adv.length];
        double[] l2 = new double[adv.length], linf = new double[adv.length];
        List<Planar> out = new ArrayList<>(planar(adv, images.get(0)));
        for (int i = 0; i < adv.length; i++) {
            float[] delta = delta(x[i], adv[i]);
            boolean withinCap = budget == null || !minimal || budget.norm().size(delta) <= budget.epsilon() * (1 + 1e-6);
            success[i] = goal.reached(i, predicted[i]) && withinCap;
            if (minimal && !success[i]) {
                out.set(i, images.get(i));
                predicted[i] = -1;
            } else {
                l2[i] = Norm.L2.size(delta);
                linf[i] = Norm.LINF.size(delta);
            }
        }
        if (minimal) {
            float[][] z = model.logits(images);
            for (int i = 0; i < adv.length; i++) {
                if (predicted[i] < 0) {
                    predicted[i] = argmax(z[i], -1);
                }
            }
        }
        return new AttackResult(out, predicted, success, l2, linf);
    }

    /**
     * {@code adv} as {@link #run} submits and judges it: projected into the budget ball (fixed mode),
     * then on the 8-bit grid unless {@link #useFloatSamples}; the classes predicted for the submitted
     * images go to {@code predicted}. One forward pass, plus one for the images that need
     * {@link #retryOutward}.
     */
    protected final float[][] submitted(float[][] x, float[][] adv, Goal goal, int[] predicted) {
        float[][] out = new float[adv.length][];
        for (int i = 0; i < adv.length; i++) {
            out[i] = budget != null && !minimal ? projected(x[i], adv[i], budget.epsilon()) : adv[i];
        }
        if (floatSamples) {
            System.arraycopy(predict(out), 0, predicted, 0, out.length);
            return out;
        }
        float[][] nearest = new float[out.length][];
        for (int i = 0; i < out.length; i++) {
            nearest[i] = EightBitGrid.round(x[i], out[i], budget);
        }
        System.arraycopy(predict(nearest), 0, predicted, 0, out.length);
        retryOutward(x, out, nearest, predicted, goal);
        return nearest;
    }

    /**
     * Where nearest rounding lost the goal, tries rounding away from the clean image instead (one
     * more forward pass for those images) and keeps it when it reaches the goal: the attacker
     * chooses how to store the image.
     */
    private void retryOutward(float[][] x, float[][] adv, float[][] rounded, int[] predicted, Goal goal) {
        List<Integer> lost = new ArrayList<>();
        for (int i = 0; i < adv.length; i++) {
            if (!goal.reached(i, predicted[i])) {
                lost.add(i);
            }
        }
        if (lost.isEmpty()) {
            return;
        }
        float[][] outward = new float[lost.size()][];
        for (int k = 0; k < outward.length; k++) {
            int i = lost.get(k);
            outward[k] = EightBitGrid.roundOutward(x[i], adv[i], budget);
        }
        int[] p = predict(outward);
        for (int k = 0; k < outward.length; k++) {
            int i = lost.get(k);
            if (goal.reached(i, p[k])) {
                rounded[i] = outward[k];
                predicted[i] = p[k];
            }
        }
    }

    private void check(int cls) {
        if (cls < 0 || cls >= model.numClasses()) {
            throw new IllegalArgumentException("class " + cls + " outside 0.." + (model.numClasses() - 1));
        }
    }

    /** {@code adv} moved into the {@code norm}-ball of radius {@code eps} around {@code x} and the [0, 1] box. */
    protected float[] projected(float[] x, float[] adv, double eps) {
        float[] d = delta(x, adv);
        budget.norm().project(d, eps);
        float[] out = new float[x.length];
        for (int j = 0; j < x.length; j++) {
            out[j] = clip(x[j] + d[j]);
        }
        return out;
    }

    protected static float[] delta(float[] x, float[] adv) {
        float[] d = new float[x.length];
        for (int j = 0; j < x.length; j++) {
            d[j] = adv[j] - x[j];
        }
        return d;
    }

    protected static float clip(float v) {
        return v < 0 ? 0 : v > 1 ? 1 : v;
    }

    /** Rows of samples in [0, 1], channel-first. */
    protected static float[][] unit(List<Planar> images) {
        float[][] x = new float[images.size()][];
        for (int i = 0; i < x.length; i++) {
            Planar p = images.get(i);
            int hw = p.pixels();
            x[i] = new float[p.channels() * hw];
            for (int c = 0; c < p.channels(); c++) {
                float[] plane = p.plane(c);
                for (int k = 0; k < hw; k++) {
                    x[i][c * hw + k] = plane[k] / 255f;
                }
            }
        }
        return x;
    }

    /** Images with samples in [0, 255] shaped like {@code like}. */
    protected static List<Planar> planar(float[][] x, Planar like) {
        List<Planar> out = new ArrayList<>(x.length);
        int hw = like.pixels();
        for (float[] row : x) {
            float[][] planes = new float[like.channels()][hw];
            for (int c = 0; c < planes.length; c++) {
                for (int k = 0; k < hw; k++) {
                    planes[c][k] = row[c * hw + k] * 255f;
                }
            }
            out.add(new Planar(like.width(), like.height(), planes));
        }
        return out;
    }

    private Planar like() {
        var in = model.input();
        return Planar.zeros(in.width(), in.height(), in.channels());
    }

    protected float[][] logits(float[][] x) {
        return model.logits(planar(x, like()));
    }

    protected int[] predict(float[][] x) {
        float[][] z = logits(x);
        int[] p = new int[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = argmax(z[i], -1);
        }
        return p;
    }

    /** The goal's targets, or (untargeted) the second most likely class of each clean image. */
    protected int[] targetsOrRunnerUp(float[][] x, Goal goal) {
        if (goal.isTargeted()) {
            return goal.targets();
        }
        float[][] z = logits(x);
        int[] t = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            t[i] = argmax(z[i], goal.labels()[i]);
        }
        return t;
    }

    /** Index of the largest entry of {@code z} other than {@code skip}. */
    protected static int argmax(float[] z, int skip) {
        int best = -1;
        for (int k = 0; k < z.length; k++) {
            if (k != skip && (best < 0 || z[k] > z[best])) {
                best = k;
            }
        }
        return best;
    }

    /**
     * Gradient (in [0, 1] units) of the attacker's objective, to be ascended: cross-entropy of the
     * true label (untargeted) or minus cross-entropy of the target (targeted). Where the softmax
     * saturates in float32 (a confident image's cross-entropy gradient is exactly 0, which would
     * leave sign and normalized steps stuck), the logit margin of the same goal stands in:
     * {@code max_{k≠y} z_k − z_y} (untargeted) or {@code z_t − max_{k≠t} z_k} (targeted).
     */
    protected float[][] objectiveGradient(float[][] x, Goal goal) {
        return objectivePass(x, goal).gradients();
    }

    /**
     * {@link #objectiveGradient} with the cross-entropy pass's losses and logits; the margin's
     * weights come from those logits (one more backward pass for the saturated images only).
     */
    protected LossPass objectivePass(float[][] x, Goal goal) {
        int[] toward = goal.isTargeted() ? goal.targets() : goal.labels();
        InputGradient ce = model.inputGradient(planar(x, like()), toward, ClassifierLoss.CROSS_ENTROPY);
        float[][] g = unitGradients(ce, goal.isTargeted() ? -255f : 255f);
        List<Integer> stuck = new ArrayList<>();
        for (int i = 0; i < g.length; i++) {
            if (isZero(g[i])) {
                stuck.add(i);
            }
        }
        if (!stuck.isEmpty()) {
            int[] idx = stuck.stream().mapToInt(Integer::intValue).toArray();
            float[][] w = new float[idx.length][model.numClasses()];
            for (int k = 0; k < idx.length; k++) {
                int t = toward[idx[k]], other = argmax(ce.logits()[idx[k]], t);
                float sign = goal.isTargeted() ? 1f : -1f;
                w[k][t] = sign;
                w[k][other] = -sign;
            }
            float[][] margin = logitGradient(rows(x, idx), w, null);
            for (int k = 0; k < idx.length; k++) {
                g[idx[k]] = margin[k];
            }
        }
        return new LossPass(g, ce.losses(), ce.logits());
    }

    private static boolean isZero(float[] v) {
        for (float f : v) {
            if (f != 0) {
                return false;
            }
        }
        return true;
    }

    /** Cross-entropy toward {@code targets} (returned in {@code losses}) and its gradient in [0, 1] units. */
    protected float[][] crossEntropyGradient(float[][] x, int[] targets, float[] losses) {
        LossPass pass = crossEntropyPass(x, targets);
        System.arraycopy(pass.losses(), 0, losses, 0, losses.length);
        return pass.gradients();
    }

    /** One forward and backward pass: per-image gradients in [0, 1] units, losses, and the logits of the pass. */
    protected record LossPass(float[][] gradients, float[] losses, float[][] logits) {
        /** Whether the logits of image {@code i} reach {@code goal}. */
        boolean reached(Goal goal, int i) {
            return goal.reached(i, argmax(logits[i], -1));
        }
    }

    /** Cross-entropy toward {@code targets}: one pass. */
    protected LossPass crossEntropyPass(float[][] x, int[] targets) {
        InputGradient g = model.inputGradient(planar(x, like()), targets, ClassifierLoss.CROSS_ENTROPY);
        return new LossPass(unitGradients(g, 255f), g.losses(), g.logits());
    }

    /** A loss whose logit weights depend on the logits (see {@link LogitLoss}): one pass. */
    protected LossPass logitLossPass(float[][] x, LogitLoss loss) {
        InputGradient g = model.logitLossGradient(planar(x, like()), loss);
        return new LossPass(unitGradients(g, 255f), g.losses(), g.logits());
    }

    /** Gradient in [0, 1] units of {@code Σ_k w[i][k] z_ik}; the sums go to {@code values} when not null. */
    protected float[][] logitGradient(float[][] x, float[][] w, float[] values) {
        InputGradient g = model.logitGradient(planar(x, like()), w);
        if (values != null) {
            System.arraycopy(g.losses(), 0, values, 0, values.length);
        }
        return unitGradients(g, 255f);
    }

    /**
     * Several logit combinations per image in one batched call (each image repeated once per
     * combination, in chunks of {@value #CHUNK} rows): {@code result[m][i]} is the gradient in
     * [0, 1] units of {@code Σ_k w[m][i][k] z_ik}, and {@code values[m][i]} its value.
     */
    protected float[][][] logitGradients(float[][] x, float[][][] w, float[][] values) {
        int combos = w.length, n = x.length;
        float[][][] out = new float[combos][n][];
        int total = combos * n;
        for (int from = 0; from < total; from += CHUNK) {
            int to = Math.min(total, from + CHUNK);
            float[][] xs = new float[to - from][];
            float[][] ws = new float[to - from][];
            for (int r = from; r < to; r++) {
                xs[r - from] = x[r % n];
                ws[r - from] = w[r / n][r % n];
            }
            float[] v = new float[to - from];
            float[][] g = logitGradient(xs, ws, v);
            for (int r = from; r < to; r++) {
                out[r / n][r % n] = g[r - from];
                values[r / n][r % n] = v[r - from];
            }
        }
        return out;
    }

    private static float[][] unitGradients(InputGradient g, float scale) {
        float[][] out = new float[g.gradients().size()][];
        for (int i = 0; i < out.length; i++) {
            Planar p = g.gradients().get(i);
            int hw = p.pixels();
            out[i] = new float[p.channels() * hw];
            for (int c = 0; c < p.channels(); c++) {
                float[] plane = p.plane(c);
                for (int k = 0; k < hw; k++) {
                    out[i][c * hw + k] = plane[k] * scale;
                }
            }
        }
        return out;
    }

    /** Rows {@code indices} of {@code x}. */
    protected static float[][] rows(float[][] x, int[] indices) {
        float[][] r = new float[indices.length][];
        for (int k = 0; k < indices.length; k++) {
            r[k] = x[indices[k]];
        }
        return r;
    }

    /** Indices {@code i} with {@code !done[i]}. */
    protected static int[] active(boolean[] done) {
        int n = 0;
        for (boolean d : done) {
            n += d ? 0 : 1;
        }
        int[] idx = new int[n];
        for (int i = 0, k = 0; i < done.length; i++) {
            if (!done[i]) {
                idx[k++] = i;
            }
        }
        return idx;
    }

    protected static float[][] copy(float[][] x) {
        float[][] c = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            c[i] = Arrays.copyOf(x[i], x[i].length);
        }
        return c;
    }

    /** {@code key=value} of the budget for specs, or the empty string. */
    protected String budgetSpec() {
        return (budget == null ? "" : budget + ",") + "minimal=" + minimal;
    }
}
