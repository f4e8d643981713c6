package dev.sieve.adversarial.attack;

import java.util.PriorityQueue;

/**
 * Adversarial samples moved onto the 8-bit grid an attacker must submit (a stored PNG holds
 * integers 0..255; Carlini et al. 2019, "On evaluating adversarial robustness" §4): each sample
 * (on [0, 1]) is rounded to the nearest multiple of 1/255 that keeps the perturbation inside the
 * budget ball. L∞: the nearest grid point within [x − ε, x + ε]; L2 (RMSE): rounded to nearest, then
 * the samples whose rounding cost most are stepped back toward the clean image, one grid step at a
 * time, until the RMSE is within ε. Without a budget: plain rounding.
 */
public final class EightBitGrid {
    private static final double SLACK = 1e-4;

    private EightBitGrid() {
    }

    /** {@code adv} on the 8-bit grid, within {@code cap} around {@code x} when {@code cap} is not null; samples in [0, 1]. */
    public static float[] round(float[] x, float[] adv, Budget cap) {
        return onGrid(x, adv, cap, false);
    }

    /**
     * {@code adv} on the 8-bit grid with every perturbed sample rounded away from {@code x} (the
     * perturbation grows by under one step per sample, so a result just past the decision boundary
     * stays past it), within {@code cap} as in {@link #round}.
     */
    public static float[] roundOutward(float[] x, float[] adv, Budget cap) {
        return onGrid(x, adv, cap, true);
    }

    private static float[] onGrid(float[] x, float[] adv, Budget cap, boolean outward) {
        float[] out = new float[adv.length];
        boolean linf = cap != null && cap.norm() == Norm.LINF;
        double eps255 = cap == null ? 0 : cap.epsilon() * 255;
        for (int j = 0; j < adv.length; j++) {
            double a = Math.max(0, Math.min(1, adv[j])) * 255, c = x[j] * 255;
            double v = !outward || Math.abs(a - c) < SLACK ? Math.rint(a) : a > c ? Math.ceil(a - SLACK) : Math.floor(a + SLACK);
            if (linf) {
                double lo = Math.max(0, Math.ceil(x[j] * 255 - eps255 - SLACK));
                double hi = Math.min(255, Math.floor(x[j] * 255 + eps255 + SLACK));
                if (lo <= hi) {
                    v = Math.max(lo, Math.min(hi, v));
                }
            }
            out[j] = (float) (v / 255);
        }
        if (cap != null && cap.norm() == Norm.L2) {
            intoL2Ball(x, out, cap.epsilon());
        }
        return out;
    }

    /** Steps grid samples of {@code out} toward {@code x}, largest squared-error saving first, until RMSE ≤ {@code eps}. */
    private static void intoL2Ball(float[] x, float[] out, double eps) {
        int n = out.length;
        double limit = eps * eps * n * (1 + 1e-6);
        double sum = 0;
        for (int j = 0; j < n; j++) {
            double d = out[j] - x[j];
            sum += d * d;
        }
        if (sum <= limit) {
            return;
        }
        PriorityQueue<double[]> queue = new PriorityQueue<>((a, b) -> Double.compare(b[0], a[0]));
        for (int j = 0; j < n; j++) {
            double saving = saving(x[j], out[j]);
            if (saving > 0) {
                queue.add(new double[] {saving, j});
            }
        }
        while (sum > limit && !queue.isEmpty()) {
            double[] top = queue.poll();
            int j = (int) top[1];
            double before = (out[j] - x[j]) * (double) (out[j] - x[j]);
            out[j] = stepToward(x[j], out[j]);
            double d = out[j] - x[j];
            sum += d * d - before;
            double next = saving(x[j], out[j]);
            if (next > 0) {
                queue.add(new double[] {next, j});
            }
        }
    }

    private static float stepToward(float x, float v) {
        return (float) ((Math.rint(v * 255) + (v > x ? -1 : 1)) / 255);
    }

    /** Squared-error saving of one grid step of {@code v} toward {@code x} (≤ 0 when the step would not help). */
    private static double saving(float x, float v) {
        if (Math.abs(v - x) < 0.5 / 255) {
            return 0;
        }
        double now = v - x, then = stepToward(x, v) - x;
        return now * now - then * then;
    }
}
