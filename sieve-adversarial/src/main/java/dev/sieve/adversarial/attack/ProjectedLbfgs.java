package dev.sieve.adversarial.attack;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Box-constrained L-BFGS for one image in ask/tell form, so a batch of images is optimized in
 * lock step with one batched gradient call per round. Projected quasi-Newton with an active set
 * (the "L-BFGS-B lite" of Kim, Sra &amp; Dhillon 2010), not Byrd et al.'s Cauchy-point L-BFGS-B:
 * samples at a bound whose gradient pushes outward are frozen; the two-loop recursion (memory 10)
 * runs on the free ones; a projected backtracking (Armijo) search picks the step. Stops after
 * {@code maxIterations} accepted steps, when no step decreases the objective, or on SciPy's L-BFGS-B
 * defaults (what Foolbox's L-BFGS attack runs): a relative decrease {@code (f_k − f_k+1) / max(|f_k|, |f_k+1|, 1)}
 * of at most {@link #FTOL} (factr 10⁷ × machine ε), or a projected gradient of at most {@link #PGTOL} in every sample.
 */
final class ProjectedLbfgs {
    private static final int MEMORY = 10;
    /** SciPy's {@code factr = 1e7} times double machine epsilon. */
    static final double FTOL = 1e7 * Math.ulp(1.0);
    /** SciPy's {@code pgtol}. */
    static final double PGTOL = 1e-5;
    private final int maxIterations;
    private final Deque<float[][]> memory = new ArrayDeque<>();
    private float[] x;
    private double f;
    private float[] g;
    private float[] direction;
    private float[] trial;
    private double step;
    private int iterations;
    private boolean done;

    ProjectedLbfgs(float[] start, int maxIterations) {
        this.maxIterations = maxIterations;
        this.trial = start.clone();
    }

    /** The point to evaluate next. */
    float[] ask() {
        return trial;
    }

    boolean done() {
        return done;
    }

    /** The best point so far. */
    float[] x() {
        return x;
    }

    /** Objective {@code value} and {@code gradient} at {@link #ask()}. */
    void tell(double value, float[] gradient) {
        if (x == null) {
            accept(value, gradient);
            return;
        }
        double decrease = 0;
        for (int j = 0; j < x.length; j++) {
            decrease += (double) g[j] * (trial[j] - x[j]);
        }
        if (value <= f + 1e-4 * decrease) {
            float[] s = new float[x.length], y = new float[x.length];
            double sy = 0;
            for (int j = 0; j < x.length; j++) {
                s[j] = trial[j] - x[j];
                y[j] = gradient[j] - g[j];
                sy += (double) s[j] * y[j];
            }
            if (sy > 1e-12) {
                memory.addFirst(new float[][] {s, y});
                if (memory.size() > MEMORY) {
                    memory.removeLast();
                }
            }
            iterations++;
            accept(value, gradient);
        } else {
            step *= 0.5;
            if (step < 1e-8) {
                done = true;
                return;
            }
            propose();
        }
    }

    private void accept(double value, float[] gradient) {
        boolean flat = x != null && (f - value) / Math.max(Math.max(Math.abs(f), Math.abs(value)), 1) <= FTOL;
        x = trial;
        f = value;
        g = gradient;
        if (iterations >= maxIterations || flat || projectedGradientMax() <= PGTOL) {
            done = true;
            return;
        }
        direction = direction();
        if (direction == null) {
            done = true;
            return;
        }
        step = 1;
        propose();
    }

    /** max_j |clip(x_j − g_j, 0, 1) − x_j|, SciPy's measure of stationarity on the box. */
    private double projectedGradientMax() {
        double m = 0;
        for (int j = 0; j < x.length; j++) {
            m = Math.max(m, Math.abs(Math.min(1, Math.max(0, x[j] - g[j])) - x[j]));
        }
        return m;
    }

    private void propose() {
        trial = new float[x.length];
        for (int j = 0; j < x.length; j++) {
            trial[j] = WhiteBoxAttack.clip(x[j] + (float) step * direction[j]);
        }
    }

    /** Quasi-Newton descent direction on the free samples, or null when none is free. */
    private float[] direction() {
        int n = x.length;
        boolean[] free = new boolean[n];
        double q2 = 0, qmax = 0;
        float[] q = new float[n];
        for (int j = 0; j < n; j++) {
            free[j] = !((x[j] <= 0 && g[j] > 0) || (x[j] >= 1 && g[j] < 0)) && g[j] != 0;
            if (free[j]) {
                q[j] = -g[j];
                q2 += (double) q[j] * q[j];
                qmax = Math.max(qmax, Math.abs(q[j]));
            }
        }
        if (q2 == 0) {
            return null;
        }
        if (memory.isEmpty()) {
            float scale = (float) (0.1 / qmax);
            for (int j = 0; j < n; j++) {
                q[j] *= scale;
            }
            return q;
        }
        double[] alphas = new double[memory.size()];
        int m = 0;
        for (float[][] sy : memory) {
            double rho = dot(sy[1], sy[0], free), a = dot(sy[0], q, free) / rho;
            alphas[m++] = a;
            for (int j = 0; j < n; j++) {
                if (free[j]) {
                    q[j] -= (float) a * sy[1][j];
                }
            }
        }
        float[][] newest = memory.peekFirst();
        double gamma = dot(newest[0], newest[1], free) / Math.max(1e-20, dot(newest[1], newest[1], free));
        for (int j = 0; j < n; j++) {
            q[j] *= (float) gamma;
        }
        var it = memory.descendingIterator();
        m = memory.size();
        while (it.hasNext()) {
            float[][] sy = it.next();
            double rho = dot(sy[1], sy[0], free), b = dot(sy[1], q, free) / rho;
            double a = alphas[--m];
            for (int j = 0; j < n; j++) {
                if (free[j]) {
                    q[j] += (float) (a - b) * sy[0][j];
                }
            }
        }
        double slope = 0;
        for (int j = 0; j < n; j++) {
            if (!free[j]) {
                q[j] = 0;
            }
            slope += (double) q[j] * g[j];
        }
        if (!(slope < 0)) {
            memory.clear();
            return direction();
        }
        return q;
    }

    private static double dot(float[] a, float[] b, boolean[] free) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            if (free[j]) {
                s += (double) a[j] * b[j];
            }
        }
        return s;
    }
}
