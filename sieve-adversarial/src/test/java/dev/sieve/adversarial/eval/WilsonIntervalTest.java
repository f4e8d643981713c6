package dev.sieve.adversarial.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WilsonIntervalTest {
    /** Reference: SciPy 1.10 {@code binomtest(k, n).proportion_ci(0.95, method='wilson')}. */
    @Test
    void matchesScipy() {
        double[][] cases = {
            {7, 14, 0.2679920245241364, 0.7320079754758636},
            {0, 20, 0.0, 0.16112515805281935},
            {745, 1000, 0.7170834253930005, 0.7710414629490774},
            {20, 20, 0.8388748419471808, 1.0},
        };
        for (double[] c : cases) {
            WilsonInterval w = WilsonInterval.of((int) c[0], (int) c[1]);
            assertThat(w.low()).as("%s/%s", c[0], c[1]).isCloseTo(c[2], within(1e-12));
            assertThat(w.high()).as("%s/%s", c[0], c[1]).isCloseTo(c[3], within(1e-12));
        }
        assertThat(WilsonInterval.ofFraction(0.5, 14)).isEqualTo(WilsonInterval.of(7, 14));
        assertThat(WilsonInterval.of(0, 0).low()).isNaN();
    }
}
