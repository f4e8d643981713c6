package dev.sieve.image.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.sieve.image.Planar;
import dev.sieve.image.saliency.SaliencyMap;
import java.util.function.ToDoubleBiFunction;
import org.junit.jupiter.api.Test;

/** Properties every metric must have: identity, symmetry where it holds, monotonicity, worked examples. */
class MetricPropertiesTest {
    private static final Planar HOUSE = Fixtures.image("house.png");
    private static final Planar DOOR = Fixtures.image("door.png");

    private record Named(String name, ToDoubleBiFunction<Planar, Planar> metric) {
    }

    private static final Named[] ALL = {
        new Named("PSNR", (r, d) -> Psnr.of(r, d, Channels.LUMA)),
        new Named("PSNR-HVS", (r, d) -> PsnrHvs.of(r, d, Channels.LUMA)),
        new Named("PSNR-HVS-M", (r, d) -> PsnrHvsM.of(r, d, Channels.LUMA)),
        new Named("SSIM", (r, d) -> Ssim.of(r, d, Channels.LUMA)),
        new Named("MS-SSIM", (r, d) -> MsSsim.of(r, d, Channels.LUMA)),
        new Named("VIFp", (r, d) -> Vifp.of(r, d, Channels.LUMA)),
        new Named("SSIM rgb", (r, d) -> Ssim.of(r, d, Channels.RGB)),
        new Named("PSNR-HVS-M rgb", (r, d) -> PsnrHvsM.of(r, d, Channels.RGB)),
        new Named("VIFp rgb", (r, d) -> Vifp.of(r, d, Channels.RGB)),
    };

    @Test
    void identicalImagesScoreInfinityForThePsnrFamilyAndOneForTheRest() {
        Planar copy = DOOR.copy();
        for (Channels ch : Channels.values()) {
            assertThat(Psnr.of(DOOR, copy, ch)).isInfinite().isPositive();
            assertThat(PsnrHvs.of(DOOR, copy, ch)).isInfinite().isPositive();
            assertThat(PsnrHvsM.of(DOOR, copy, ch)).isInfinite().isPositive();
            assertThat(PsnrS.of(DOOR, copy, SaliencyMap.uniform(4, 4, 1f), 0.5, ch)).isInfinite().isPositive();
            assertThat(Ssim.of(DOOR, copy, ch)).isCloseTo(1, within(1e-12));
            assertThat(MsSsim.of(DOOR, copy, ch)).isCloseTo(1, within(1e-12));
            assertThat(Vifp.of(DOOR, copy, ch)).isCloseTo(1, within(1e-9));
        }
    }

    @Test
    void allButVifpAreSymmetric() {
        Planar d = Fixtures.jpeg(HOUSE, 30);
        for (Named m : ALL) {
            if (!m.name().startsWith("VIFp")) {
                assertThat(m.metric().applyAsDouble(d, HOUSE)).as(m.name())
                        .isCloseTo(m.metric().applyAsDouble(HOUSE, d), within(1e-12));
            }
        }
        assertThat(Vifp.of(d, HOUSE, Channels.LUMA)).isNotCloseTo(Vifp.of(HOUSE, d, Channels.LUMA), within(1e-4));
    }

    @Test
    void everyMetricFallsAsNoiseGrows() {
        double[] sigmas = {1, 3, 6, 12, 24};
        for (Named m : ALL) {
            double previous = Double.POSITIVE_INFINITY;
            for (int i = 0; i < sigmas.length; i++) {
                double v = m.metric().applyAsDouble(DOOR, Fixtures.noisy(DOOR, sigmas[i], 7 + i));
                assertThat(v).as(m.name() + " at noise sigma " + sigmas[i]).isLessThan(previous);
                previous = v;
            }
        }
    }

    @Test
    void everyMetricRisesWithJpegQuality() {
        int[] qualities = {10, 25, 50, 75, 95};
        for (Named m : ALL) {
            double previous = Double.NEGATIVE_INFINITY;
            for (int q : qualities) {
                double v = m.metric().applyAsDouble(HOUSE, Fixtures.jpeg(HOUSE, q));
                assertThat(v).as(m.name() + " at JPEG quality " + q).isGreaterThan(previous);
                previous = v;
            }
        }
    }

    @Test
    void psnrOfAUnitErrorEverywhereIs48Point13Decibels() {
        Planar zero = Planar.zeros(20, 10, 1);
        Planar one = Fixtures.shifted(zero, 1f);
        assertThat(Psnr.of(zero, one, Channels.LUMA)).isCloseTo(20 * Math.log10(255), within(1e-12));
        assertThat(Psnr.of(zero, one, Channels.LUMA)).isCloseTo(48.1308, within(1e-4));
    }

    @Test
    void psnrHvsOfWhiteNoiseIsCloseToPsnrBecauseTheCsfWeightsHaveUnitMeanSquare() {
        double sumSq = 0;
        for (double t : HvsBlocks.CSF) {
            sumSq += t * t;
        }
        assertThat(sumSq / 64).isCloseTo(1, within(1e-12));
        assertThat(HvsBlocks.CSF[0]).isCloseTo(25.7351 / 16, within(1e-5));
        Planar flat = Fixtures.shifted(Planar.zeros(512, 512, 1), 128f);
        Planar noise = Fixtures.noisy(flat, 10, 3);
        assertThat(PsnrHvs.of(flat, noise, Channels.LUMA)).isCloseTo(Psnr.of(flat, noise, Channels.LUMA), within(0.1));
    }

    @Test
    void maskingOnlyHidesErrorSoPsnrHvsMIsAtLeastPsnrHvs() {
        for (int q : new int[] {15, 50, 90}) {
            Planar d = Fixtures.jpeg(DOOR, q);
            assertThat(PsnrHvsM.of(DOOR, d, Channels.LUMA)).isGreaterThanOrEqualTo(PsnrHvs.of(DOOR, d, Channels.LUMA));
        }
    }

    @Test
    void errorOnAFlatBlockIsNotMasked() {
        Planar flat = Fixtures.shifted(Planar.zeros(64, 64, 1), 100f);
        Planar noise = Fixtures.noisy(flat, 5, 11);
        Planar flatter = Fixtures.shifted(flat, 3f);
        // a DC-only change is never masked, whatever the texture
        assertThat(PsnrHvsM.of(flat, flatter, Channels.LUMA)).isCloseTo(PsnrHvs.of(flat, flatter, Channels.LUMA), within(1e-12));
        // noise on a flat reference is masked only by the noise's own texture, so -M gains a little
        assertThat(PsnrHvsM.of(flat, noise, Channels.LUMA)).isGreaterThan(PsnrHvs.of(flat, noise, Channels.LUMA));
    }

    @Test
    void blockStepOneEvaluatesEveryPositionAndAgreesRoughlyWithStepEight() {
        Planar d = Fixtures.jpeg(DOOR, 40);
        double step8 = PsnrHvs.of(DOOR, d, Channels.LUMA), step1 = PsnrHvs.of(DOOR, d, Channels.LUMA, 1);
        assertThat(step1).isNotEqualTo(step8).isCloseTo(step8, within(2.0));
        assertThatThrownBy(() -> PsnrHvs.of(DOOR, d, Channels.LUMA, 9)).hasMessageContaining("1..8");
    }

    @Test
    void ssimContrastStructureTermIgnoresAConstantShift() {
        Planar brighter = Fixtures.shifted(HOUSE, 20f);
        float[] x = Channels.LUMA.planes(HOUSE)[0], y = Channels.LUMA.planes(brighter)[0];
        double[] cs = LocalStatistics.sum(x, y, HOUSE.width(), HOUSE.height(), Ssim.WINDOW, 1,
                (mx, my, vx, vy, vxy, n, acc) -> {
                    for (int i = 0; i < n; i++) {
                        acc[0] = Math.max(acc[0], Math.abs(Ssim.contrastStructure(vx[i], vy[i], vxy[i]) - 1));
                    }
                });
        assertThat(cs[0]).isLessThan(1e-9);
        assertThat(Ssim.of(HOUSE, brighter, Channels.LUMA)).isLessThan(1).isGreaterThan(0.9);
    }

    @Test
    void vifpExceedsOneForContrastEnhancement() {
        Planar stretched = HOUSE.copy();
        for (int c = 0; c < 3; c++) {
            float[] p = stretched.plane(c);
            for (int i = 0; i < p.length; i++) {
                p[i] = 128 + 1.2f * (p[i] - 128);
            }
        }
        assertThat(Vifp.of(HOUSE, stretched, Channels.LUMA)).isGreaterThan(1);
    }

    @Test
    void psnrSCoversOnlyTheSalientRegion() {
        int w = DOOR.width(), h = DOOR.height();
        Planar d = DOOR.copy();
        float[] salient = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (x < w / 2) {
                    salient[y * w + x] = 0.9f;
                } else {
                    d.set(0, x, y, d.get(0, x, y) + 10);
                }
            }
        }
        SaliencyMap map = new SaliencyMap(w, h, salient);
        assertThat(PsnrS.of(DOOR, d, map, 0.5, Channels.RGB)).isInfinite();
        assertThat(PsnrS.of(DOOR, d, map, 0.0, Channels.RGB)).isEqualTo(Psnr.of(DOOR, d, Channels.RGB));
        assertThat(PsnrS.of(DOOR, d, map, 0.95, Channels.RGB)).isNaN();
        assertThat(PsnrS.coverage(map, w, h, 0.5)).isCloseTo(0.5, within(0.01));
        assertThatThrownBy(() -> PsnrS.of(DOOR, d, map, 1.5, Channels.RGB)).hasMessageContaining("[0, 1]");
    }

    @Test
    void aGrayImageInRgbModeScoresAsItsLuma() {
        Planar gray = new Planar(HOUSE.width(), HOUSE.height(), Channels.LUMA.planes(HOUSE)[0]);
        Planar noisy = Fixtures.noisy(gray, 8, 5);
        assertThat(Ssim.of(gray, noisy, Channels.RGB)).isCloseTo(Ssim.of(gray, noisy, Channels.LUMA), within(1e-12));
        assertThat(Psnr.of(gray, noisy, Channels.RGB)).isCloseTo(Psnr.of(gray, noisy, Channels.LUMA), within(1e-12));
    }

    @Test
    void imagesOfDifferentSizesAreRefusedNamingBothSizes() {
        Planar small = Planar.zeros(100, 90, 3);
        for (Named m : ALL) {
            assertThatThrownBy(() -> m.metric().applyAsDouble(HOUSE, small)).as(m.name())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("200x168").hasMessageContaining("100x90");
        }
    }

    @Test
    void tooSmallImagesAreRefusedAndTheReportMarksThoseMetricsUndefined() {
        assertThat(Vifp.of(new float[41 * 41], noise(41 * 41), 41, 41)).isNaN();
        assertThatThrownBy(() -> Vifp.of(new float[40 * 41], new float[40 * 41], 40, 41)).hasMessageContaining("41x41");
        assertThatThrownBy(() -> MsSsim.of(new float[160 * 200], new float[160 * 200], 160, 200))
                .hasMessageContaining("161x161");
        assertThat(MsSsim.of(noise(161 * 161), noise(161 * 161), 161, 161)).isBetween(0.0, 1.0);
        Planar a = Fixtures.noisy(Planar.zeros(100, 100, 1), 30, 1), b = Fixtures.noisy(a, 5, 2);
        QualityReport q = QualityReport.of(a, b, null, 0.5, Channels.LUMA);
        assertThat(q.msSsim()).isNaN();
        assertThat(q.vifp()).isBetween(0.0, 1.0);
        Planar tiny = Fixtures.noisy(Planar.zeros(10, 9, 1), 30, 1);
        QualityReport t = QualityReport.of(tiny, Fixtures.noisy(tiny, 5, 2), null, 0.5, Channels.LUMA);
        assertThat(t.psnr()).isFinite();
        assertThat(t.psnrHvs()).isFinite();
        assertThat(t.ssim()).isNaN();
        QualityReport dot = QualityReport.of(Planar.zeros(3, 3, 1), Planar.zeros(3, 3, 1), null, 0.5, Channels.LUMA);
        assertThat(dot.psnr()).isInfinite();
        assertThat(dot.psnrHvs()).isNaN();
    }

    @Test
    void resultsAreIdenticalRunToRun() {
        Planar d = Fixtures.noisy(DOOR, 9, 1);
        QualityReport a = QualityReport.of(DOOR, d, SaliencyMap.uniform(3, 3, 0.7f), 0.5, Channels.RGB);
        QualityReport b = QualityReport.of(DOOR, d, SaliencyMap.uniform(3, 3, 0.7f), 0.5, Channels.RGB);
        assertThat(a).isEqualTo(b);
    }

    private static float[] noise(int n) {
        java.util.Random r = new java.util.Random(n);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = 255 * r.nextFloat();
        }
        return v;
    }
}
