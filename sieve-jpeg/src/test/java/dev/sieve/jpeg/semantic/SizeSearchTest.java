package dev.sieve.jpeg.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SizeSearchTest {
    /** A size that grows in steps of 10 bytes per unit of p. */
    private static byte[] bytes(double p) {
        return new byte[(int) (10 * Math.floor(p))];
    }

    @Test
    void aGoodGuessCostsOneEncode() {
        SizeSearch.Outcome o = SizeSearch.search(SizeSearchTest::bytes, 1, 100, 50, 500, 0.01);
        assertThat(o.steps()).isOne();
        assertThat(o.withinTolerance()).isTrue();
    }

    @Test
    void theSearchReachesTheTargetFromEitherSide() {
        for (double guess : new double[] {5, 95}) {
            SizeSearch.Outcome o = SizeSearch.search(SizeSearchTest::bytes, 1, 100, guess, 730, 0.01);
            assertThat(o.withinTolerance()).isTrue();
            assertThat(o.best().bytes().length).isEqualTo(730);
            assertThat(o.steps()).isLessThan(15);
        }
    }

    @Test
    void anUnreachableTargetReturnsTheClosestEncodingAndSaysSo() {
        SizeSearch.Outcome o = SizeSearch.search(SizeSearchTest::bytes, 1, 100, 50, 5000, 0.01);
        assertThat(o.withinTolerance()).isFalse();
        assertThat(o.best().bytes().length).isEqualTo(1000);
        assertThat(o.steps()).isLessThanOrEqualTo(5);
    }
}
