package dev.sieve.nn.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.image.saliency.SaliencyMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectionMapsTest {
    @Test
    void aMapAtAWorkingSizeFillsTheBoxScaledToThatSize() {
        List<Detection> found = List.of(new Detection("cat", 0.8f, 480, 270, 960, 540));
        SaliencyMap full = DetectionMaps.boxes(1920, 1080, 1920, 1080, found, 1f);
        SaliencyMap work = DetectionMaps.boxes(1920, 1080, 256, 144, found, 1f);
        assertThat(full.get(480, 270)).isEqualTo(0.8f);
        assertThat(full.get(479, 270)).isZero();
        assertThat(full.get(960, 540)).isZero();
        // 1920 -> 256 is a factor 7.5: the box spans x 64..127, y 36..71
        assertThat(work.get(64, 36)).isEqualTo(0.8f);
        assertThat(work.get(127, 71)).isEqualTo(0.8f);
        assertThat(work.get(63, 36)).isZero();
        assertThat(work.get(128, 71)).isZero();
        assertThat(work.get(64, 72)).isZero();
    }

    @Test
    void aGrownBoxGrowsAboutItsCentreAtEverySize() {
        List<Detection> face = List.of(new Detection("face", 0.9f, 100, 100, 200, 200));
        SaliencyMap work = DetectionMaps.boxes(400, 400, 100, 100, face, 1.3f);
        // centre 37.5, half side 25 * 1.3 / 2 = 16.25: x 21.25..53.75 -> pixels 21..53
        assertThat(work.get(21, 37)).isEqualTo(0.9f);
        assertThat(work.get(53, 37)).isEqualTo(0.9f);
        assertThat(work.get(20, 37)).isZero();
        assertThat(work.get(54, 37)).isZero();
    }
}
