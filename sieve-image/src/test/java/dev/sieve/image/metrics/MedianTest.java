package dev.sieve.image.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MedianTest {
    @Test
    void oddCountGivesTheMiddleValueAndLeavesTheInputAlone() {
        double[] v = {5, 1, 3};
        assertThat(Median.of(v)).isEqualTo(3);
        assertThat(v).containsExactly(5, 1, 3);
    }

    @Test
    void evenCountGivesTheMeanOfTheTwoMiddleValues() {
        assertThat(Median.of(new double[] {4, 1, 10, 2})).isEqualTo(3);
    }

    @Test
    void noValuesIsAnError() {
        assertThatThrownBy(() -> Median.of(new double[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
