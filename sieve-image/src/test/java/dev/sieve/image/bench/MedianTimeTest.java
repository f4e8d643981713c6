package dev.sieve.image.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MedianTimeTest {
    @Test
    void theTaskRunsTwiceUntimedThenOncePerRoundAndTheMedianIsAnElapsedTime() {
        int[] runs = new int[1];
        double ms = MedianTime.of(3, () -> runs[0]++);
        assertThat(runs[0]).isEqualTo(5);
        assertThat(ms).isGreaterThanOrEqualTo(0).isFinite();
    }
}
