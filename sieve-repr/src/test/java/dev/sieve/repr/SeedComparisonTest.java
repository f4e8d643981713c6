package dev.sieve.repr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SeedComparisonTest {
    private static final double[] REPR = {0.8370, 0.8545, 0.8235, 0.8610, 0.8402};
    private static final double[] STANDARD = {0.8400, 0.8385, 0.8510, 0.8421, 0.8330};

    @Test
    void pairedTestMatchesScipyTtestRel() throws IOException, InterruptedException {
        for (int n : new int[] {2, 3, 5}) {
            double[] a = Arrays.copyOf(REPR, n), b = Arrays.copyOf(STANDARD, n);
            SeedComparison c = SeedComparison.of(a, b);
            String[] scipy = python("from scipy.stats import ttest_rel\nr = ttest_rel(" + list(a) + ", " + list(b) + ")\n"
                    + "print(repr(float(r.statistic)), repr(float(r.pvalue)))").trim().split(" ");
            assertThat(c.pairs()).isEqualTo(n);
            assertThat(c.t()).as("t, n=%d", n).isCloseTo(Double.parseDouble(scipy[0]), within(1e-9));
            assertThat(c.p()).as("p, n=%d", n).isCloseTo(Double.parseDouble(scipy[1]), within(1e-9));
        }
    }

    @Test
    void meanAndSdOfTheDifferencesByHand() {
        SeedComparison c = SeedComparison.of(new double[] {3, 5, 10}, new double[] {1, 2, 4});
        // differences 2, 3, 6: mean 11/3, sd sqrt(((2-11/3)^2 + (3-11/3)^2 + (6-11/3)^2) / 2) = sqrt(13/3)
        assertThat(c.meanDifference()).isCloseTo(11.0 / 3, within(1e-12));
        assertThat(c.sdDifference()).isCloseTo(Math.sqrt(13.0 / 3), within(1e-12));
        assertThat(c.t()).isCloseTo((11.0 / 3) / (Math.sqrt(13.0 / 3) / Math.sqrt(3)), within(1e-12));
    }

    @Test
    void oneSeedOrConstantDifferencesHaveNoTest() {
        assertThat(SeedComparison.of(new double[] {0.8}, new double[] {0.7}).t()).isNaN();
        SeedComparison same = SeedComparison.of(new double[] {0.75, 0.875}, new double[] {0.5, 0.625});
        assertThat(same.p()).isNaN();
        assertThat(same.meanDifference()).isEqualTo(0.25);
    }

    private static String list(double[] v) {
        return Arrays.stream(v).mapToObj(x -> String.format(Locale.ROOT, "%.17g", x)).collect(Collectors.joining(", ", "[", "]"));
    }

    /** Runs {@code script} in Debian's /usr/bin/python3 (SciPy installed by scripts/test) and returns its output. */
    private static String python(String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
