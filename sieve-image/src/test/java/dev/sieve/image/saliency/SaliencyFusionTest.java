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

    /** A detector-like map: score {@code score} in the box x 10–40, y 10–40 of the test image, 0 elsewhere (away from the disc). */
    private static SaliencySource box(float score) {
        return SaliencySource.of("box", img -> {
            float[] v = new float[img.width() * img.height()];
            for (int y = 10; y < 40; y++) {
                for (int x = 10; x < 40; x++) {
                    v[y * img.width() + x] = score;
                }
            }
            return new SaliencyMap(img.width(), img.height(), v);
        });
    }

    private static float minInBox(SaliencyMap m) {
        float min = 1;
        for (int y = 14; y < 36; y++) {
            for (int x = 14; x < 36; x++) {
                min = Math.min(min, m.get(x * m.width() / SuperpixelRefinementTest.W, y * m.height() / SuperpixelRefinementTest.H));
            }
        }
        return min;
    }

    @Test
    void aCoveringSourceBoundsTheFusedMapFromBelowWhereItFiresAndScoresEnterUnscaled() {
        SaliencyFusion.Weighted peak = new SaliencyFusion.Weighted(PEAK, 1);
        SaliencyMap covered = new SaliencyFusion("auto", List.of(peak, new SaliencyFusion.Weighted(box(0.6f), 0.1, SaliencyFusion.Scale.COVERING)),
                SuperpixelRefinement.DEFAULT, 0.3, 0.95).fuse(SuperpixelRefinementTest.disc()).map();
        assertThat(minInBox(covered)).isGreaterThanOrEqualTo(0.6f);
        SaliencyMap scores = new SaliencyFusion("auto", List.of(peak, new SaliencyFusion.Weighted(box(0.6f), 0.1, SaliencyFusion.Scale.SCORES)),
                SuperpixelRefinement.DEFAULT, 0.3, 0.95).fuse(SuperpixelRefinementTest.disc()).map();
        SaliencyMap relative = new SaliencyFusion("auto", List.of(peak, new SaliencyFusion.Weighted(box(0.6f), 0.1)),
                SuperpixelRefinement.DEFAULT, 0.3, 0.95).fuse(SuperpixelRefinementTest.disc()).map();
        assertThat(minInBox(scores)).as("a box of score 0.6 at weight 0.1 is weak evidence").isLessThan(0.6f);
        float s = 0, r = 0;
        for (int i = 0; i < scores.values().length; i++) {
            s += scores.values()[i] * (inBox(scores, i) ? 1 : 0);
            r += relative.values()[i] * (inBox(relative, i) ? 1 : 0);
        }
        assertThat(s).as("as a score the box weighs 0.6 of what it weighs divided by its maximum").isLessThan(r);
    }

    @Test
    void emphasisAddsTheDetectorsAfterTheStretchSoADetectedBoxOutranksTheBackgroundPeak() {
        List<SaliencyFusion.Weighted> sources = List.of(new SaliencyFusion.Weighted(PEAK, 1),
                new SaliencyFusion.Weighted(box(0.6f), 0.1, SaliencyFusion.Scale.SCORES));
        SaliencyMap plain = new SaliencyFusion("auto", sources, SuperpixelRefinement.DEFAULT, 0.3, 0.95).fuse(SuperpixelRefinementTest.disc()).map();
        SaliencyMap emphasized = new SaliencyFusion("auto", sources, SuperpixelRefinement.DEFAULT, 0.3, 0.95, 2)
                .fuse(SuperpixelRefinementTest.disc()).map();
        assertThat(minInBox(plain)).as("without emphasis the weak box ranks below the peak").isLessThan(maxAwayFromBox(plain));
        assertThat(minInBox(emphasized)).as("with it the box ranks above everything away from it").isGreaterThan(maxAwayFromBox(emphasized));
        float max = 0;
        for (float v : emphasized.values()) {
            assertThat(v).isBetween(0f, 1f);
            max = Math.max(max, v);
        }
        assertThat(max).isEqualTo(1f);
        assertThatThrownBy(() -> new SaliencyFusion("x", sources, SuperpixelRefinement.DEFAULT, 0.3, 0.95, -1)).hasMessageContaining("emphasis");
    }

    /** The largest value at least 4 pixels away from the drawn box of {@link #box}. */
    private static float maxAwayFromBox(SaliencyMap m) {
        float max = 0;
        for (int i = 0; i < m.values().length; i++) {
            int x = (i % m.width()) * SuperpixelRefinementTest.W / m.width(), y = (i / m.width()) * SuperpixelRefinementTest.H / m.height();
            if (x < 6 || x >= 44 || y < 6 || y >= 44) {
                max = Math.max(max, m.values()[i]);
            }
        }
        return max;
    }

    private static boolean inBox(SaliencyMap m, int i) {
        int x = (i % m.width()) * SuperpixelRefinementTest.W / m.width(), y = (i / m.width()) * SuperpixelRefinementTest.H / m.height();
        return x >= 14 && x < 36 && y >= 14 && y < 36;
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

    @Test
    void sourcesRunConcurrentlyYetTheSameImageGivesTheSameBytesAndSourcesComputeAtTheWorkingSize() {
        java.util.Set<String> sizes = java.util.concurrent.ConcurrentHashMap.newKeySet();
        SaliencySource sized = SaliencySource.sized("sized", false, (img, w, h) -> {
            sizes.add(w + "x" + h);
            return CenterPrior.of(w, h);
        });
        SaliencyFusion f = new SaliencyFusion("auto", List.of(new SaliencyFusion.Weighted(PEAK, 1), new SaliencyFusion.Weighted(new BoundaryConnectivity(), 1),
                new SaliencyFusion.Weighted(SaliencySource.spectral(), 0.5), new SaliencyFusion.Weighted(sized, 0.25)), SuperpixelRefinement.DEFAULT, 0.3, 0.95);
        dev.sieve.image.Planar big = dev.sieve.image.Resample.resize(SuperpixelRefinementTest.disc(), 640, 360);
        float[] first = f.fuse(big).map().values();
        for (int i = 0; i < 3; i++) {
            assertThat(f.fuse(big).map().values()).containsExactly(first);
        }
        assertThat(sizes).containsExactly("256x144");
    }
}
