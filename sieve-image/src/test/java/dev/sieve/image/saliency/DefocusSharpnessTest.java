package dev.sieve.image.saliency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sieve.image.GaussianBlur;
import dev.sieve.image.Planar;
import org.junit.jupiter.api.Test;

class DefocusSharpnessTest {
    /** A vertical step edge 60 → 200 at x = 32 in a 64 × 32 luma, blurred with {@code sigma} (0: sharp). */
    private static float[] step(double sigma) {
        int w = 64, h = 32;
        float[] l = new float[w * h];
        for (int i = 0; i < l.length; i++) {
            l[i] = i % w < 32 ? 60 : 200;
        }
        return sigma > 0 ? GaussianBlur.apply(l, w, h, sigma) : l;
    }

    private static double sigmaAtEdge(float[] luma) {
        float[] s = DefocusSharpness.edgeSharpness(luma, 64, 32);
        double best = 0;
        for (int x = 0; x < 64; x++) {
            best = Math.max(best, s[16 * 64 + x]);
        }
        return 1 / best - 1;
    }

    @Test
    void theBlurOfAGaussianBlurredStepIsRecoveredAtItsEdge() {
        // Zhuo & Sim's estimate on a sampled edge: within 15 % for σ = 2 and 3 px
        assertThat(sigmaAtEdge(step(2))).isCloseTo(2, within(0.3));
        assertThat(sigmaAtEdge(step(3))).isCloseTo(3, within(0.45));
        assertThat(sigmaAtEdge(step(0))).isLessThan(1);
    }

    /**
     * A 240 × 120 luma: a striped disc in focus on the left half and the same disc blurred (σ 3 px) on the right,
     * on a background that is flat grey or, with {@code bokeh}, a coarse checkerboard blurred by σ 3 px.
     */
    private static float[] twoDiscs(boolean bokeh) {
        int w = 240, h = 120;
        float[] disc = new float[w * h], background = new float[w * h];
        boolean[] inside = new boolean[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                inside[i] = Math.hypot(x % (w / 2) - 60, y - 60) < 35;
                disc[i] = ((x / 4) + (y / 4)) % 2 == 0 ? 210 : 40;
                background[i] = bokeh ? (((x / 12) + (y / 12)) % 2 == 0 ? 150 : 90) : 120;
            }
        }
        float[] scene = new float[w * h];
        for (int i = 0; i < scene.length; i++) {
            scene[i] = inside[i] ? disc[i] : background[i];
        }
        float[] blurredScene = GaussianBlur.apply(scene, w, h, 3);
        float[] blurredBackground = GaussianBlur.apply(background, w, h, 3);
        float[] luma = new float[w * h];
        for (int i = 0; i < luma.length; i++) {
            boolean left = i % w < w / 2;
            luma[i] = left ? (inside[i] ? disc[i] : blurredBackground[i]) : blurredScene[i];
        }
        return luma;
    }

    private static SaliencyMap focus(float[] luma) {
        return new DefocusSharpness().map(new Planar(240, 120, luma.clone(), luma.clone(), luma));
    }

    @Test
    void aSharpObjectBeforeABlurredBackgroundOutranksTheSameObjectOutOfFocus() {
        SaliencyMap m = focus(twoDiscs(true));
        double left = 0, right = 0;
        for (int y = 0; y < m.height(); y++) {
            for (int x = 0; x < m.width(); x++) {
                if (x < m.width() / 2) {
                    left += m.get(x, y);
                } else {
                    right += m.get(x, y);
                }
            }
        }
        assertThat(left).isGreaterThan(3 * right);
        for (float v : m.values()) {
            assertThat(v).isBetween(0f, 1f);
        }
    }

    @Test
    void sharpDetailAgainstFlatAreasIsNoDepthOfFieldCue() {
        // the same discs on flat grey: few blurred gradients (a horizon under a clean sky), so the blur gate closes
        float[] flat = twoDiscs(false), bokeh = twoDiscs(true);
        assertThat(DefocusSharpness.edges(flat, 240, 120).blurredShare()).isLessThan(DefocusSharpness.BOKEH_NONE);
        assertThat(DefocusSharpness.edges(bokeh, 240, 120).blurredShare()).isGreaterThan(DefocusSharpness.BOKEH_FULL);
        assertThat(focus(flat).values()).containsOnly(0f);
    }

    @Test
    void theBlurGateRisesLinearlyBetweenItsThresholds() {
        assertThat(DefocusSharpness.bokeh(DefocusSharpness.BOKEH_NONE)).isEqualTo(0);
        assertThat(DefocusSharpness.bokeh(DefocusSharpness.BOKEH_FULL)).isEqualTo(1);
        assertThat(DefocusSharpness.bokeh((DefocusSharpness.BOKEH_NONE + DefocusSharpness.BOKEH_FULL) / 2)).isCloseTo(0.5, within(1e-9));
        assertThat(DefocusSharpness.bokeh(0)).isEqualTo(0);
        assertThat(DefocusSharpness.bokeh(1)).isEqualTo(1);
    }

    @Test
    void aFlatImageGivesAnAllZeroMap() {
        float[] grey = new float[50 * 40];
        java.util.Arrays.fill(grey, 128);
        SaliencyMap m = new DefocusSharpness().map(new Planar(50, 40, grey));
        assertThat(m.values()).containsOnly(0f);
    }

    @Test
    void aMapSpreadOverTheImageHasNoConfidenceAndAConcentratedOneFull() {
        float[] spread = new float[100];
        java.util.Arrays.fill(spread, 0.8f);
        float[] concentrated = new float[100];
        java.util.Arrays.fill(concentrated, 0, 10, 1f);
        assertThat(DefocusSharpness.confidence(spread)).isEqualTo(0);
        assertThat(DefocusSharpness.confidence(concentrated)).isEqualTo(1);
        assertThat(DefocusSharpness.confidence(new float[100])).isEqualTo(0);
    }
}
