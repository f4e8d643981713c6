package dev.sieve.adversarial.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EightBitGridTest {
    private static float[] cleanImage(SplittableRandom rnd, int n) {
        float[] x = new float[n];
        for (int j = 0; j < n; j++) {
            x[j] = rnd.nextInt(256) / 255f;
        }
        return x;
    }

    private static void assertOnGrid(float[] v) {
        for (float f : v) {
            assertThat(Math.abs(f * 255 - Math.rint(f * 255))).isLessThan(1e-3);
            assertThat(f).isBetween(0f, 1f);
        }
    }

    @Test
    void linfRoundingLandsOnTheGridInsideTheBallEvenForBudgetsBetweenGridSteps() {
        SplittableRandom rnd = new SplittableRandom(3);
        float[] x = cleanImage(rnd, 500);
        double eps = 3.4 / 255;
        float[] adv = new float[x.length];
        for (int j = 0; j < x.length; j++) {
            adv[j] = x[j] + (float) ((rnd.nextBoolean() ? 1 : -1) * eps);
        }
        float[] r = EightBitGrid.round(x, adv, Budget.linf(eps));
        assertOnGrid(r);
        assertThat(Norm.LINF.size(WhiteBoxAttack.delta(x, r))).isLessThanOrEqualTo(eps + 1e-6);
        // 3.4 steps round to 3, never 4: the nearest grid point inside the ball
        for (int j = 0; j < x.length; j++) {
            if (adv[j] >= 0 && adv[j] <= 1) {
                assertThat(Math.abs(r[j] - x[j]) * 255).isCloseTo(3, org.assertj.core.data.Offset.offset(1e-3f));
            }
        }
    }

    @Test
    void l2RoundingStaysInsideTheBallAndStepsBackOnlyWhereItMust() {
        SplittableRandom rnd = new SplittableRandom(5);
        float[] x = cleanImage(rnd, 784);
        float[] adv = new float[x.length];
        for (int j = 0; j < x.length; j++) {
            adv[j] = x[j] + (float) (rnd.nextGaussian() * 2.6 / 255);
        }
        Norm.L2.project(WhiteBoxAttack.delta(x, adv), 1);
        double eps = Norm.L2.size(WhiteBoxAttack.delta(x, adv));
        float[] r = EightBitGrid.round(x, adv, Budget.l2(eps));
        assertOnGrid(r);
        assertThat(Norm.L2.size(WhiteBoxAttack.delta(x, r))).isLessThanOrEqualTo(eps * (1 + 1e-6));
        int differ = 0;
        for (int j = 0; j < x.length; j++) {
            differ += Math.abs(r[j] * 255 - Math.rint(Math.max(0, Math.min(1, adv[j])) * 255)) > 1e-3 ? 1 : 0;
        }
        assertThat(differ).as("samples stepped back from nearest rounding").isLessThan(x.length / 4);
    }

    @Test
    void withoutABudgetItIsPlainRoundingAndClipping() {
        float[] x = {0.5f, 0.5f, 0.5f};
        float[] r = EightBitGrid.round(x, new float[] {-0.2f, 1.3f, 100.4f / 255}, null);
        assertThat(r).containsExactly(0f, 1f, 100f / 255);
    }
}
