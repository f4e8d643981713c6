package dev.sieve.image.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.image.Planar;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefenseTimingsTest {
    @Test
    void timesTheThreeOperationsOnTheSmallPhoto() {
        List<Planar> images = DefenseTimings.images(false);
        assertThat(images).hasSize(1);
        Planar img = images.get(0);
        assertThat(img.width()).isEqualTo(224);
        assertThat(DefenseTimings.rounds(img, 30)).isEqualTo(30);
        double[] ms = DefenseTimings.time(img, 2);
        assertThat(ms).hasSize(DefenseTimings.OPERATIONS.size());
        assertThat(java.util.Arrays.stream(ms).allMatch(t -> t > 0 && Double.isFinite(t))).isTrue();
    }

    @Test
    void aLargeImageTakesASixthOfTheRoundsAndAtLeastFive() {
        Planar large = new Planar(1000, 1000, new float[1000 * 1000]);
        assertThat(DefenseTimings.small(large)).isFalse();
        assertThat(DefenseTimings.rounds(large, 60)).isEqualTo(10);
        assertThat(DefenseTimings.rounds(large, 12)).isEqualTo(5);
    }
}
