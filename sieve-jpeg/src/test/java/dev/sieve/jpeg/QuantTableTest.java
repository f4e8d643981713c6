package dev.sieve.jpeg;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuantTableTest {
    @Test
    void qualityFiftyIsTheAnnexKTable() {
        assertThat(QuantTable.forQuality(50, true)).isEqualTo(QuantTable.LUMA_BASE);
        assertThat(QuantTable.forQuality(50, false)).isEqualTo(QuantTable.CHROMA_BASE);
    }

    @Test
    void ijgScalingMatchesLibjpeg() {
        assertThat(QuantTable.forQuality(75, true)[0]).isEqualTo(8);
        assertThat(QuantTable.forQuality(10, true)[0]).isEqualTo(80);
        assertThat(QuantTable.forQuality(100, true)).containsOnly(1);
        assertThat(QuantTable.forQuality(1, false)).containsOnly(255);
    }

    @Test
    void fractionalQualityLiesBetweenItsNeighbours() {
        int[] lo = QuantTable.forQuality(60, true), mid = QuantTable.forQuality(60.5, true), hi = QuantTable.forQuality(61, true);
        for (int k = 0; k < 64; k++) {
            assertThat(mid[k]).isBetween(hi[k], lo[k]);
        }
    }
}
