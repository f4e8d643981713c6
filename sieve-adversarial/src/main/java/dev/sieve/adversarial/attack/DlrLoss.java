package dev.sieve.adversarial.attack;

import java.util.Arrays;

/**
 * The Difference of Logits Ratio loss of Croce &amp; Hein 2020 (APGD-DLR), invariant to shifts and
 * rescalings of the logits. Untargeted: {@code −(z_y − max_{i≠y} z_i) / (z_π1 − z_π3 + 1e-12)};
 * targeted: {@code −(z_y − z_t) / (z_π1 − (z_π3 + z_π4)/2 + 1e-12)}, with π the classes sorted by
 * decreasing logit. The attacker ascends it.
 */
final class DlrLoss {
    private static final double TINY = 1e-12;

    private DlrLoss() {
    }

    /** The loss of logits {@code z} for true class {@code y} and {@code target} (−1: untargeted). */
    static double value(float[] z, int y, int target) {
        int[] pi = order(z);
        double num = z[y] - (target < 0 ? z[WhiteBoxAttack.argmax(z, y)] : z[target]);
        return -num / denominator(z, pi, target);
    }

    /** ∂loss/∂z at {@code z} (the sort order held fixed): the logit weights of the loss' input gradient. */
    static float[] weights(float[] z, int y, int target) {
        int[] pi = order(z);
        int other = target < 0 ? WhiteBoxAttack.argmax(z, y) : target;
        double a = z[y] - z[other], b = denominator(z, pi, target);
        double[] da = new double[z.length], db = new double[z.length];
        da[y] += 1;
        da[other] -= 1;
        db[pi[0]] += 1;
        if (target < 0) {
            db[pi[2]] -= 1;
        } else {
            db[pi[2]] -= 0.5;
            db[pi[3]] -= 0.5;
        }
        float[] w = new float[z.length];
        for (int k = 0; k < z.length; k++) {
            w[k] = (float) (-(da[k] * b - a * db[k]) / (b * b));
        }
        return w;
    }

    private static double denominator(float[] z, int[] pi, int target) {
        return target < 0 ? z[pi[0]] - z[pi[2]] + TINY : z[pi[0]] - (z[pi[2]] + z[pi[3]]) / 2.0 + TINY;
    }

    /** Class indices by decreasing logit (ties by index). */
    private static int[] order(float[] z) {
        if (z.length < 4) {
            throw new IllegalArgumentException("the DLR loss needs at least 4 classes, got " + z.length);
        }
        return Arrays.stream(boxed(z.length)).sorted((p, q) -> Float.compare(z[q], z[p]) != 0 ? Float.compare(z[q], z[p]) : Integer.compare(p, q))
                .mapToInt(Integer::intValue).toArray();
    }

    private static Integer[] boxed(int n) {
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return idx;
    }
}
