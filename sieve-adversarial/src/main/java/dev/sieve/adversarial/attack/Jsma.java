package dev.sieve.adversarial.attack;

import dev.sieve.nn.model.Classifier;
import java.util.SplittableRandom;

/**
 * Jacobian-based Saliency Map Attack (Papernot et al. 2016; thesis §3.3.5, §4.2.4), single-pixel
 * form as Foolbox 1.x's {@code SaliencyMapAttack} with {@code fast=False}: with
 * {@code α_j = ∂z_t/∂x_j} and {@code β_j = Σ_{k≠t} ∂z_k/∂x_j}, the saliency
 * {@code S_j = |α_j| |β_j| sign(α_j β_j)} is most negative where raising the target's logit lowers
 * the others'; that sample moves by {@code θ} (0.1 of the [0, 1] range) in the direction of
 * {@code sign(α_j)}, at most {@code perPixel} (7) times, until the target is predicted or
 * {@code maxIterations}. Untargeted goals aim at the second most likely class of the clean image
 * (Foolbox 1.x's choice without random targets). Both gradients come from one batched call per
 * iteration.
 */
public final class Jsma extends WhiteBoxAttack {
    private final double theta;
    private final int perPixel;
    private final int maxIterations;

    public Jsma(Classifier model, Budget cap, boolean minimal, double theta, int perPixel, int maxIterations) {
        super(model, cap, minimal);
        if (!(theta > 0 && theta <= 1) || perPixel < 1 || maxIterations < 1) {
            throw new IllegalArgumentException("JSMA needs 0 < theta ≤ 1, per-pixel ≥ 1 and iterations ≥ 1");
        }
        this.theta = theta;
        this.perPixel = perPixel;
        this.maxIterations = maxIterations;
    }

    /** Foolbox 1.x defaults: θ = 0.1, 7 changes per sample, 2000 iterations at most. */
    public Jsma(Classifier model) {
        this(model, null, true, 0.1, 7, 2000);
    }

    @Override
    protected float[][] perturb(float[][] x, Goal goal, SplittableRandom rnd) {
        int n = x.length, classes = model.numClasses(), size = x[0].length;
        int[] target = targetsOrRunnerUp(x, goal);
        float[][] adv = copy(x);
        int[][] changes = new int[n][size];
        boolean[] done = new boolean[n];
        for (int it = 0; it < maxIterations; it++) {
            int[] p = predict(adv);
            for (int i = 0; i < n; i++) {
                done[i] |= goal.reached(i, p[i]);
            }
            int[] idx = active(done);
            if (idx.length == 0) {
                break;
            }
            float[][] xs = rows(adv, idx);
            float[][] wt = new float[idx.length][classes], wall = new float[idx.length][classes];
            for (int a = 0; a < idx.length; a++) {
                wt[a][target[idx[a]]] = 1;
                java.util.Arrays.fill(wall[a], 1);
            }
            float[][][] g = logitGradients(xs, new float[][][] {wt, wall}, new float[2][idx.length]);
            float[][] alpha = g[0], sum = g[1];
            for (int a = 0; a < idx.length; a++) {
                int i = idx[a], best = -1;
                double bestS = Double.POSITIVE_INFINITY;
                for (int j = 0; j < size; j++) {
                    float al = alpha[a][j], be = sum[a][j] - al;
                    if (changes[i][j] >= perPixel || (al > 0 && adv[i][j] >= 1) || (al < 0 && adv[i][j] <= 0) || al == 0) {
                        continue;
                    }
                    double s = Math.abs(al) * Math.abs(be) * Math.signum(al * be);
                    if (s < bestS) {
                        bestS = s;
                        best = j;
                    }
                }
                if (best < 0) {
                    done[i] = true;
                    continue;
                }
                adv[i][best] = clip(adv[i][best] + (float) (alpha[a][best] > 0 ? theta : -theta));
                changes[i][best]++;
            }
        }
        return adv;
    }

    @Override
    public String spec() {
        return "jsma:" + budgetSpec() + ",theta=" + theta + ",perpixel=" + perPixel + ",iterations=" + maxIterations;
    }
}
