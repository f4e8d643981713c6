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

    @Test
    void visualTablesLieGeometricallyBetweenFlatAndAnnexK() {
        for (boolean luma : new boolean[] {true, false}) {
            int[] k = QuantTable.base(QuantTable.Base.ANNEX_K, luma, Subsampling.S420);
            int[] v = QuantTable.base(QuantTable.Base.VISUAL, luma, Subsampling.S420);
            for (int i = 0; i < 64; i++) {
                assertThat(v[i]).isBetween(Math.min(16, k[i]), Math.max(16, k[i]));
                assertThat((double) v[i]).isCloseTo(Math.pow(16, 0.4) * Math.pow(k[i], 0.6), org.assertj.core.data.Offset.offset(0.5));
            }
        }
    }

    @Test
    void flatTablesAreFlatAndTheRgbVariantRefinesOnlySubsampledChroma() {
        assertThat(QuantTable.forQuality(QuantTable.Base.FLAT, 50, false, Subsampling.S420)).containsOnly(16);
        assertThat(QuantTable.forQuality(QuantTable.Base.FLAT_RGB, 50, true, Subsampling.S420)).containsOnly(16);
        assertThat(QuantTable.forQuality(QuantTable.Base.FLAT_RGB, 50, false, Subsampling.S444)).containsOnly(16);
        assertThat(QuantTable.forQuality(QuantTable.Base.FLAT_RGB, 50, false, Subsampling.S420)).containsOnly(10);
    }
}
