package dev.sieve.repr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FilterScoresTest {
    private final FilterScores scores = new FilterScores("test", new double[][] {
        {0.0, 0.1, 0.2, 0.3}, {0.5, 0.6, 0.7, 0.8}, {0.05, 0.9, 0.95, 0.99}});

    @Test
    void firstLayerExcludedWhenAsked() {
        boolean[][] drop = scores.select(0.25, true, true);
        assertThat(drop[0]).containsOnly(false);
        assertThat(FilterScores.droppedPerLayer(drop)).containsExactly(0, 1, 1);
        boolean[][] withFirst = scores.select(0.25, true, false);
        assertThat(FilterScores.droppedPerLayer(withFirst)).containsExactly(2, 0, 1);
        assertThat(withFirst[0]).containsExactly(true, true, false, false);
    }

    @Test
    void globalRankingDropsTheLowestAcrossLayersAndPerLayerRankingDropsEachLayersShare() {
        assertThat(FilterScores.droppedPerLayer(scores.select(0.5, true, false))).containsExactly(3, 2, 1);
        assertThat(FilterScores.droppedPerLayer(scores.select(0.5, false, false))).containsExactly(2, 2, 2);
    }

    @Test
    void everyLayerKeepsAtLeastOneFilter() {
        FilterScores s = new FilterScores("t", new double[][] {{0, 0}, {0, 0}, {9, 9, 9, 9, 9, 9, 9, 9}});
        assertThat(FilterScores.droppedPerLayer(s.select(0.5, true, false))).containsExactly(1, 1, 4);
    }

    @Test
    void fractionOutsideOpenUnitIntervalIsRejected() {
        assertThatThrownBy(() -> scores.select(1.0, true, true)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(0, 1)");
    }
}
