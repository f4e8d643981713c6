package dev.sieve.image.saliency;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MapTrustTest {
    @Test
    void refusesEmptyFlatPointAndEverywhereMaps() {
        assertThat(MapTrust.check(SaliencyMap.uniform(50, 40, 0f)).reason()).startsWith("empty");
        assertThat(MapTrust.check(SaliencyMap.uniform(50, 40, 0.7f)).reason()).startsWith("flat");
        float[] point = new float[200 * 200];
        point[100 * 200 + 100] = 1f;
        MapTrust.Verdict p = MapTrust.check(new SaliencyMap(200, 200, point));
        assertThat(p.trusted()).isFalse();
        assertThat(p.reason()).startsWith("a point");
        float[] all = new float[100 * 100];
        java.util.Arrays.fill(all, 1f);
        for (int i = 0; i < 300; i++) {
            all[i] = 0f;
        }
        assertThat(MapTrust.check(new SaliencyMap(100, 100, all)).reason()).startsWith("everything");
    }

    @Test
    void trustsARegionMapAndARankNormalizedMap() {
        float[] disc = new float[120 * 80];
        for (int y = 0; y < 80; y++) {
            for (int x = 0; x < 120; x++) {
                disc[y * 120 + x] = Math.hypot(x - 60, y - 40) < 20 ? 1f : 0.05f;
            }
        }
        MapTrust.Verdict v = MapTrust.check(new SaliencyMap(120, 80, disc));
        assertThat(v.trusted()).as(v.reason()).isTrue();
        assertThat(v.peakArea()).isBetween(0.10, 0.16);
        assertThat(v.contrast()).isGreaterThan(0.9);
        float[] ramp = new float[64 * 64];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = (i * 7919 % ramp.length) / (float) ramp.length;
        }
        assertThat(MapTrust.check(new SaliencyMap(64, 64, ramp).rankNormalized()).trusted()).isTrue();
    }
}
