package dev.sieve.adversarial.attack;

import dev.sieve.nn.model.Classifier;
import java.util.SplittableRandom;

/**
 * Carlini &amp; Wagner's L2 attack (2017; thesis §4.2.6, eq. 4.3). In tanh space
 * {@code x' = (tanh(w) + 1) / 2} (so the box holds without clipping), Adam minimizes
 * {@code ‖x' − x‖₂² + c · f(x')} with {@code f = max(z_y − max_{k≠y} z_k, −κ)} (untargeted) or
 * {@code max(max_{k≠t} z_k − z_t, −κ)} (targeted), for {@code iterations} steps (abort early when
 * the loss stalls for a tenth of them), and binary-searches c per image over
 * {@code binarySteps} rounds from {@code c = initialConst} (×10 until a first success, then
 * bisection). The closest successful image is kept.
 */
public final class CarliniWagnerL2 extends WhiteBoxAttack {
    private final int binarySteps;
    private final int iterations;
    private final double learningRate;
    private final double confidence;
    private final double initialConst;

    public CarliniWagnerL2(Classifier model, Budget cap, boolean minimal, int binarySteps, int iterations, double learningRate,
            double confidence, double initialConst) {
        super(model, cap, minimal);
        if (binarySteps < 1 || iterations < 1 || !(learningRate > 0) || !(confidence >= 0) || !(initialConst > 0)) {
            throw new IllegalArgumentException("C&W needs binary steps ≥ 1, iterations ≥ 1, lr > 0, confidence ≥ 0 and c > 0");
        }
        this.binarySteps = binarySteps;
        this.iterations = iterations;
        this.learningRate = learningRate;
        this.confidence = confidence;
        this.initialConst = initialConst;
    }

    /** 5 binary-search steps × 200 Adam iterations, lr 0.01, κ = 0, c₀ = 0.01. */
    public CarliniWagnerL2(Classifier model) {
        this(model, null, true, 5, 200, 0.01, 0, 0.01);
    }

    @Override
    protected float[][] perturb(float[][] x, Goal goal, SplittableRandom rnd) {
        int n = x.length, size = x[0].length, classes = model.numClasses();
        double[] c = new double[n], lo = new double[n], hi = new double[n];
        java.util.Arrays.fill(c, initialConst);
        java.util.Arrays.fill(hi, Double.POSITIVE_INFINITY);
        float[][] best = copy(x);
        double[] bestDist = new double[n];
        java.util.Arrays.fill(bestDist, Double.POSITIVE_INFINITY);
        int[] toward = goal.isTargeted() ? goal.targets() : goal.labels();
        for (int round = 0; round < binarySteps; round++) {
            float[][] w = new float[n][size], m = new float[n][size], v = new float[n][size];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < size; j++) {
                    w[i][j] = (float) atanh((2 * x[i][j] - 1) * 0.999999);
                }
            }
            boolean[] succeeded = new boolean[n];
            double[] lastLoss = new double[n];
            java.util.Arrays.fill(lastLoss, Double.POSITIVE_INFINITY);
            boolean[] stalled = new boolean[n];
            for (int it = 1; it <= iterations; it++) {
                int[] idx = active(stalled);
                if (idx.length == 0) {
                    break;
                }
                float[][] xs = new float[idx.length][size];
                for (int a = 0; a < idx.length; a++) {
                    for (int j = 0; j < size; j++) {
                        xs[a][j] = (float) ((Math.tanh(w[idx[a]][j]) + 1) / 2);
                    }
                }
                float[][] z = logits(xs);
                float[][] weights = new float[idx.length][classes];
                double[] margin = new double[idx.length];
                for (int a = 0; a < idx.length; a++) {
                    int i = idx[a], t = toward[i], other = argmax(z[a], t);
                    margin[a] = goal.isTargeted() ? z[a][other] - z[a][t] : z[a][t] - z[a][other];
                    int predicted = argmax(z[a], -1);
                    double d = Norm.L2.size(delta(x[i], xs[a]));
                    if (goal.reached(i, predicted) && margin[a] <= -confidence) {
                        succeeded[i] = true;
                        if (d < bestDist[i]) {
                            bestDist[i] = d;
                            best[i] = xs[a];
                        }
                    }
                    if (margin[a] > -confidence) {
                        float sign = goal.isTargeted() ? -1f : 1f;
                        weights[a][t] = sign;
                        weights[a][other] = -sign;
                    }
                }
                float[][] g = logitGradient(xs, weights, null);
                for (int a = 0; a < idx.length; a++) {
                    int i = idx[a];
                    double dist = 0;
                    for (int j = 0; j < size; j++) {
                        double d = xs[a][j] - x[i][j];
                        dist += d * d;
                        double th = 2 * xs[a][j] - 1;
                        double grad = (2 * d + c[i] * g[a][j]) * (1 - th * th) / 2;
                        m[i][j] = (float) (0.9 * m[i][j] + 0.1 * grad);
                        v[i][j] = (float) (0.999 * v[i][j] + 0.001 * grad * grad);
                        double mh = m[i][j] / (1 - Math.pow(0.9, it)), vh = v[i][j] / (1 - Math.pow(0.999, it));
                        w[i][j] -= (float) (learningRate * mh / (Math.sqrt(vh) + 1e-8));
                    }
                    double loss = dist + c[i] * Math.max(margin[a], -confidence);
                    if (it % Math.max(1, iterations / 10) == 0) {
                        stalled[i] = loss > lastLoss[i] * 0.9999;
                        lastLoss[i] = loss;
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                if (succeeded[i]) {
                    hi[i] = Math.min(hi[i], c[i]);
                    c[i] = (lo[i] + hi[i]) / 2;
                } else {
                    lo[i] = Math.max(lo[i], c[i]);
                    c[i] = Double.isInfinite(hi[i]) ? c[i] * 10 : (lo[i] + hi[i]) / 2;
                }
            }
        }
        return best;
    }

    private static double atanh(double v) {
        return 0.5 * Math.log((1 + v) / (1 - v));
    }

    @Override
    public String spec() {
        return "cw:" + budgetSpec() + ",binary=" + binarySteps + ",iterations=" + iterations + ",lr=" + learningRate
                + ",confidence=" + confidence + ",c=" + initialConst;
    }
}
