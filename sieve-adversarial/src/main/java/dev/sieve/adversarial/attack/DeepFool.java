package dev.sieve.adversarial.attack;

import dev.sieve.nn.model.Classifier;
import java.util.SplittableRandom;

/**
 * DeepFool (Moosavi-Dezfooli, Fawzi &amp; Frossard 2016, Algorithm 2; thesis §3.3.4, §4.2.5), L2,
 * untargeted. Each iteration linearizes the classifier around the current image and takes the
 * smallest step onto the nearest linearized boundary: over classes {@code k ≠ y},
 * {@code l = argmin |f_k| / ‖w_k‖} with {@code f_k = z_k − z_y}, {@code w_k = ∇f_k}, step
 * {@code r = (|f_l| + 1e-4) / ‖w_l‖² · w_l}; the total step is scaled by {@code 1 + overshoot}
 * (0.02) and clipped to [0, 1], until the label changes or {@code maxIterations} (50). As Foolbox,
 * only the 10 classes with the largest clean logits are candidates. All candidates' gradients come
 * from one batched call per iteration. Minimal by nature.
 */
public final class DeepFool extends WhiteBoxAttack {
    static final int CANDIDATES = 10;
    private final int maxIterations;
    private final double overshoot;

    public DeepFool(Classifier model, Budget cap, boolean minimal, int maxIterations, double overshoot) {
        super(model, cap, minimal);
        if (maxIterations < 1 || !(overshoot >= 0)) {
            throw new IllegalArgumentException("DeepFool needs iterations ≥ 1 and overshoot ≥ 0");
        }
        this.maxIterations = maxIterations;
        this.overshoot = overshoot;
    }

    /** Unbounded, 50 iterations, overshoot 0.02 (the paper's settings). */
    public DeepFool(Classifier model) {
        this(model, null, true, 50, 0.02);
    }

    @Override
    public boolean supportsTargeted() {
        return false;
    }

    @Override
    protected float[][] perturb(float[][] x, Goal goal, SplittableRandom rnd) {
        int n = x.length, classes = model.numClasses(), size = x[0].length;
        float[][] total = new float[n][size];
        float[][] adv = copy(x);
        boolean[] done = new boolean[n];
        boolean[][] candidate = candidates(x);
        for (int it = 0; it < maxIterations; it++) {
            int[] p = predict(adv);
            for (int i = 0; i < n; i++) {
                done[i] = goal.reached(i, p[i]);
            }
            int[] idx = active(done);
            if (idx.length == 0) {
                break;
            }
            float[][] xs = rows(adv, idx);
            double[] bestRatio = new double[idx.length];
            java.util.Arrays.fill(bestRatio, Double.POSITIVE_INFINITY);
            float[][] bestStep = new float[idx.length][];
            float[][][] w = new float[classes][idx.length][classes];
            for (int k = 0; k < classes; k++) {
                for (int a = 0; a < idx.length; a++) {
                    int y = goal.labels()[idx[a]];
                    if (k != y && candidate[idx[a]][k]) {
                        w[k][a][k] = 1;
                        w[k][a][y] = -1;
                    }
                }
            }
            float[][] f = new float[classes][idx.length];
            float[][][] grad = logitGradients(xs, w, f);
            for (int k = 0; k < classes; k++) {
                for (int a = 0; a < idx.length; a++) {
                    if (k == goal.labels()[idx[a]] || !candidate[idx[a]][k]) {
                        continue;
                    }
                    double norm2 = 0;
                    for (float v : grad[k][a]) {
                        norm2 += (double) v * v;
                    }
                    if (norm2 == 0) {
                        continue;
                    }
                    double ratio = Math.abs(f[k][a]) / Math.sqrt(norm2);
                    if (ratio < bestRatio[a]) {
                        bestRatio[a] = ratio;
                        float scale = (float) ((Math.abs(f[k][a]) + 1e-4) / norm2);
                        float[] r = new float[size];
                        for (int j = 0; j < size; j++) {
                            r[j] = scale * grad[k][a][j];
                        }
                        bestStep[a] = r;
                    }
                }
            }
            for (int a = 0; a < idx.length; a++) {
                int i = idx[a];
                if (bestStep[a] == null) {
                    done[i] = true;
                    continue;
                }
                for (int j = 0; j < size; j++) {
                    total[i][j] += bestStep[a][j];
                    adv[i][j] = clip(x[i][j] + (float) (1 + overshoot) * total[i][j]);
                }
            }
        }
        return adv;
    }

    /** Per image, the {@value #CANDIDATES} classes with the largest clean logits (all of them for ≤ 10 classes). */
    private boolean[][] candidates(float[][] x) {
        float[][] z = logits(x);
        boolean[][] c = new boolean[x.length][model.numClasses()];
        for (int i = 0; i < x.length; i++) {
            Integer[] order = new Integer[z[i].length];
            for (int k = 0; k < order.length; k++) {
                order[k] = k;
            }
            float[] zi = z[i];
            java.util.Arrays.sort(order, (a, b) -> Float.compare(zi[b], zi[a]));
            for (int k = 0; k < Math.min(CANDIDATES, order.length); k++) {
                c[i][order[k]] = true;
            }
        }
        return c;
    }

    @Override
    public String spec() {
        return "deepfool:" + budgetSpec() + ",iterations=" + maxIterations + ",overshoot=" + overshoot;
    }
}
