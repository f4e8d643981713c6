package dev.sieve.image.saliency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SaliencyFusionTest {
    private static final SaliencySource EMPTY = SaliencySource.of("empty", img -> SaliencyMap.uniform(img.width(), img.height(), 0f));
    private static final SaliencySource PEAK = SaliencySource.of("peak", img -> SuperpixelRefinementTest.peak());

    @Test
    void leavesOutARefusedSourceAndNamesWhatContributed() {
        SaliencyFusion f = new SaliencyFusion("auto", List.of(new SaliencyFusion.Weighted(EMPTY, 1), new SaliencyFusion.Weighted(PEAK, 0.5)),
                SuperpixelRefinement.DEFAULT, 0.3, 0.95);
        SaliencyFusion.Result r = f.fuse(SuperpixelRefinementTest.disc());
        assertThat(r.contributions()).extracting(SaliencyFusion.Contribution::name).containsExactly("empty", "peak");
        assertThat(r.contributions()).extracting(SaliencyFusion.Contribution::used).containsExactly(false, true);
        assertThat(r.contributions().get(0).verdict().reason()).startsWith("empty");
        assertThat(r.verdict().trusted()).as(r.verdict().reason()).isTrue();
        assertThat(MapLocalization.topCoverage(r.map(), SuperpixelRefinementTest.discMask(), SuperpixelRefinementTest.W, SuperpixelRefinementTest.H))
                .isGreaterThan(0.85);
        assertThat(r.map().values()).contains(0f, 1f);
    }

    @Test
    void noTrustedSourceGivesAnEmptyMapThatIsItselfRefused() {
        SaliencyFusion f = new SaliencyFusion("auto", List.of(new SaliencyFusion.Weighted(EMPTY, 1)), SuperpixelRefinement.DEFAULT, 0.3, 0.95);
        SaliencyFusion.Result r = f.fuse(SuperpixelRefinementTest.disc());
        assertThat(r.verdict().trusted()).isFalse();
        assertThat(r.verdict().reason()).startsWith("empty");
    }

    @Test
    void aPriorAloneIsNoEvidence() {
        SaliencyFusion f = new SaliencyFusion("auto", List.of(new SaliencyFusion.Weighted(EMPTY, 1), new SaliencyFusion.Weighted(SaliencySource.center(), 1)),
                SuperpixelRefinement.DEFAULT, 0.3, 0.95);
        SaliencyFusion.Result r = f.fuse(SuperpixelRefinementTest.disc());
        assertThat(r.contributions()).extracting(SaliencyFusion.Contribution::used).containsExactly(false, true);
        assertThat(r.verdict().trusted()).isFalse();
        assertThat(r.verdict().reason()).contains("no source but a prior");
    }

    @Test
    void stretchMapsTheQuantilesToZeroAndOne() {
        float[] v = new float[100];
        for (int i = 0; i < 100; i++) {
            v[i] = i / 99f;
        }
        float[] s = SaliencyFusion.stretch(new SaliencyMap(10, 10, v), 0.5, 0.9).values();
        assertThat(s[10]).isZero();
        assertThat(s[49]).isZero();
        assertThat(s[70]).isBetween(0.4f, 0.6f);
        assertThat(s[95]).isEqualTo(1f);
    }

    @Test
    void rejectsBadWeightsAndQuantiles() {
        assertThatThrownBy(() -> new SaliencyFusion.Weighted(PEAK, 0)).hasMessageContaining("positive");
        assertThatThrownBy(() -> new SaliencyFusion("x", List.of(), SuperpixelRefinement.DEFAULT, 0.3, 0.9)).hasMessageContaining("at least one");
        assertThatThrownBy(() -> new SaliencyFusion("x", List.of(new SaliencyFusion.Weighted(PEAK, 1)), SuperpixelRefinement.DEFAULT, 0.9, 0.3))
                .hasMessageContaining("quantiles");
    }
}
