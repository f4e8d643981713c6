package dev.sieve.repr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FilterOrthogonalityTest {
    private static final double S = Math.sqrt(0.5);

    @Test
    void orthoMetricEqualsHandComputationOnSmallMatrix() {
        // rows normalized: (1,0,0), (−1/√2, 1/√2, 0), (0,0,1); |ŴŴᵀ − I| has ±1/√2 between rows 0 and 1
        float[][] w = {{2, 0, 0}, {-1, 1, 0}, {0, 0, 3}};
        double[][] p = FilterOrthogonality.overlap(w);
        assertThat(p[0]).containsExactly(new double[] {0, S, 0}, within(1e-12));
        assertThat(p[1]).containsExactly(new double[] {S, 0, 0}, within(1e-12));
        assertThat(p[2]).containsExactly(new double[] {0, 0, 0}, within(1e-12));
        assertThat(FilterOrthogonality.orthogonality(w)).containsExactly(new double[] {S / 3, S / 3, 0}, within(1e-12));
    }

    @Test
    void absoluteValueMakesOppositeFiltersOverlapAsMuchAsEqualOnes() {
        double[] same = FilterOrthogonality.orthogonality(new float[][] {{1, 2}, {1, 2}});
        double[] opposite = FilterOrthogonality.orthogonality(new float[][] {{1, 2}, {-1, -2}});
        assertThat(opposite).containsExactly(same, within(1e-12));
        assertThat(same).containsExactly(new double[] {0.5, 0.5}, within(1e-12));
    }

    @Test
    void mostOverlappingFiltersAreDroppedFirst() {
        double[] o = FilterOrthogonality.orthogonality(new float[][] {{1, 0, 0, 0}, {1, 0.1f, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}});
        FilterScores s = new FilterScores("ortho", new double[][] {null, {-o[0], -o[1], -o[2], -o[3]}});
        boolean[][] drop = s.select(0.5, true, true);
        assertThat(drop[1]).containsExactly(true, true, false, false);
    }
}
