package dev.sieve.image.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MedianTimeTest {
    @Test
    void theTaskRunsTwiceUntimedThenOncePerRoundAndTheMedianWallAndMeanCpuTimesAreElapsedTimes() {
        int[] runs = new int[1];
        MedianTime t = MedianTime.of(3, () -> runs[0]++);
        assertThat(runs[0]).isEqualTo(5);
        assertThat(t.wallMs()).isGreaterThanOrEqualTo(0).isFinite();
        assertThat(t.cpuMs()).isGreaterThanOrEqualTo(0).isFinite();
    }
}
