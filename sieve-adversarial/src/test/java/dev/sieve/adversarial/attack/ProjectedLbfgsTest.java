package dev.sieve.adversarial.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ProjectedLbfgsTest {
    /** Runs the optimizer on f(x) = Σ a_j (x_j − c_j)^p and returns the number of evaluations. */
    private static int minimize(ProjectedLbfgs opt, float[] a, float[] c, int p) {
        int evaluations = 0;
        while (!opt.done()) {
            float[] x = opt.ask();
            double f = 0;
            float[] g = new float[x.length];
            for (int j = 0; j < x.length; j++) {
                double d = x[j] - c[j];
                f += a[j] * Math.pow(d, p);
                g[j] = (float) (p * a[j] * Math.pow(d, p - 1));
            }
            opt.tell(f, g);
            evaluations++;
        }
        return evaluations;
    }

    @Test
    void aQuadraticInTheBoxIsSolved() {
        float[] a = {1, 4, 0.5f, 2}, c = {0.3f, 0.7f, 0.5f, 0.1f};
        ProjectedLbfgs opt = new ProjectedLbfgs(new float[] {0.9f, 0.1f, 0.9f, 0.9f}, 1000);
        minimize(opt, a, c, 2);
        for (int j = 0; j < c.length; j++) {
            assertThat(opt.x()[j]).isCloseTo(c[j], within(1e-4f));
        }
    }

    @Test
    void aMinimumOutsideTheBoxEndsOnTheBound() {
        ProjectedLbfgs opt = new ProjectedLbfgs(new float[] {0.5f, 0.5f}, 1000);
        minimize(opt, new float[] {1, 1}, new float[] {1.4f, -0.5f}, 2);
        assertThat(opt.x()).containsExactly(1f, 0f);
    }

    @Test
    void theSearchStopsOnScipysToleranceInsteadOfCreepingToItsIterationCap() {
        // a quartic's gradient vanishes slowly: without SciPy's pgtol / factr rules every step still
        // decreases f a little and the search runs on for a hundred steps
        float[] a = {1, 1, 1}, c = {0.3f, 0.6f, 0.45f};
        ProjectedLbfgs opt = new ProjectedLbfgs(new float[] {0.9f, 0.1f, 0.95f}, 1000);
        int evaluations = minimize(opt, a, c, 4);
        for (int j = 0; j < c.length; j++) {
            // pgtol 1e-5 on 4 d³: |d| ≤ 0.014
            assertThat(opt.x()[j]).isCloseTo(c[j], within(0.02f));
        }
        assertThat(evaluations).isLessThan(40);
    }
}
