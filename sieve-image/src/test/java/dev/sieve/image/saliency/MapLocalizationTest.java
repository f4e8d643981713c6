package dev.sieve.image.saliency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.sieve.image.saliency.MapLocalization.Scores;
import dev.sieve.image.saliency.MapLocalization.Summary;
import org.junit.jupiter.api.Test;

class MapLocalizationTest {
    // 4x2: object 1 is three pixels, object 2 two pixels
    private static final int[] MASK = {
        0, 1, 1, 0,
        0, 1, 2, 2};
    private static final float[] MAP = {
        0.0f, 0.8f, 0.6f, 0.2f,
        0.1f, 0.2f, 0.9f, 0.0f};

    @Test
    void scoresEqualAHandComputationOnATinyMap() {
        Scores s = MapLocalization.score(new SaliencyMap(4, 2, MAP.clone()), MASK, 4, 2, 0.5);
        assertThat(s.mass()).isCloseTo(2.5 / 2.8, within(1e-6));
        assertThat(s.area()).isEqualTo(5 / 8.0);
        assertThat(s.lift()).isCloseTo((2.5 / 2.8) / (5 / 8.0), within(1e-6));
        assertThat(s.objects()).isEqualTo(2);
        assertThat(s.objectShare()[0]).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(s.objectShare()[1]).isEqualTo(0.5);
        assertThat(s.covered()).isEqualTo(2);
        assertThat(s.coverage()).isEqualTo(1.0);
        assertThat(s.above()).isEqualTo(3 / 8.0);
        assertThat(s.pointing()).isEqualTo(1.0);

        Scores high = MapLocalization.score(new SaliencyMap(4, 2, MAP.clone()), MASK, 4, 2, 0.7);
        assertThat(high.covered()).isEqualTo(1);
        assertThat(high.coverage()).isEqualTo(0.5);
        assertThat(high.above()).isEqualTo(2 / 8.0);
    }

    @Test
    void aConstantMapCoversEverythingButShowsNoLift() {
        Scores s = MapLocalization.score(SaliencyMap.uniform(4, 2, 1f), MASK, 4, 2, 0.5);
        assertThat(s.coverage()).isEqualTo(1.0);
        assertThat(s.above()).isEqualTo(1.0);
        assertThat(s.mass()).isCloseTo(s.area(), within(1e-9));
        assertThat(s.lift()).isCloseTo(1.0, within(1e-9));
        assertThat(s.pointing()).isEqualTo(5 / 8.0);
        Scores zero = MapLocalization.score(SaliencyMap.uniform(4, 2, 0f), MASK, 4, 2, 0.5);
        assertThat(zero.mass()).isZero();
        assertThat(zero.coverage()).isZero();
    }

    @Test
    void absentObjectIdsAreNotCountedAndASmallerMapIsStretched() {
        int[] mask = {0, 2, 2, 0};
        Scores s = MapLocalization.score(SaliencyMap.uniform(1, 1, 0.3f), mask, 2, 2, 0.5);
        assertThat(s.objects()).isEqualTo(1);
        assertThat(s.objectShare()[0]).isNaN();
        assertThat(s.objectShare()[1]).isZero();
        assertThatThrownBy(() -> MapLocalization.score(SaliencyMap.uniform(2, 2, 0f), mask, 3, 2, 0.5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void summaryAveragesImagesAndCountsAllCoveredOnlyForMultiObjectScenes() {
        Summary sum = new Summary();
        sum.add(MapLocalization.score(new SaliencyMap(4, 2, MAP.clone()), MASK, 4, 2, 0.7));
        int[] one = {0, 0, 1, 1};
        sum.add(MapLocalization.score(new SaliencyMap(2, 2, new float[] {0, 0, 1, 1}), one, 2, 2, 0.7));
        assertThat(sum.images()).isEqualTo(2);
        assertThat(sum.multiObjectImages()).isEqualTo(1);
        assertThat(sum.allCovered()).isZero();
        assertThat(sum.coverage()).isEqualTo((0.5 + 1.0) / 2);
        assertThat(sum.objectCoverage()).isEqualTo(2 / 3.0);
        assertThat(sum.above()).isEqualTo((2 / 8.0 + 0.5) / 2);
        assertThat(sum.area()).isEqualTo((5 / 8.0 + 0.5) / 2);
        assertThat(sum.mass()).isCloseTo((2.5 / 2.8 + 1.0) / 2, within(1e-6));
        assertThat(sum.pointing()).isEqualTo(1.0);
    }

    @Test
    void topCoverageIsOneForThePerfectMapTheAreaForAFlatMapAndZeroForTheInverse() {
        int[] mask = {0, 1, 1, 0, 0, 0, 0, 0};
        float[] perfect = {0, 1, 1, 0, 0, 0, 0, 0};
        float[] inverse = {1, 0, 0, 1, 1, 1, 1, 1};
        assertThat(MapLocalization.topCoverage(new SaliencyMap(4, 2, perfect), mask, 4, 2)).isEqualTo(1.0);
        assertThat(MapLocalization.topCoverage(new SaliencyMap(4, 2, inverse), mask, 4, 2)).isEqualTo(0.0);
        assertThat(MapLocalization.topCoverage(SaliencyMap.uniform(4, 2, 0.5f), mask, 4, 2)).isCloseTo(0.25, within(1e-12));
        float[] half = {0, 1, 0.5f, 0.5f, 0, 0, 0, 0};
        assertThat(MapLocalization.topCoverage(new SaliencyMap(4, 2, half), mask, 4, 2)).isCloseTo(0.75, within(1e-12));
        assertThat(MapLocalization.topCoverage(new SaliencyMap(4, 2, perfect), new int[8], 4, 2)).isNaN();
    }
}
