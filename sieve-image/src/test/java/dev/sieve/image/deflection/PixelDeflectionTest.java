package dev.sieve.image.deflection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.image.Planar;
import dev.sieve.image.deflection.PixelDeflection.ChannelMode;
import dev.sieve.image.deflection.PixelDeflection.Options;
import dev.sieve.image.deflection.PixelDeflection.Replacement;
import dev.sieve.image.deflection.PixelDeflection.Sampling;
import dev.sieve.image.saliency.SaliencyMap;
import org.junit.jupiter.api.Test;

class PixelDeflectionTest {
    private static final int W = 200, H = 150;

    /** R holds the column, G the row, B a constant: every pixel's value names where it came from. */
    private static Planar coordinates() {
        Planar p = Planar.zeros(W, H, 3);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                p.set(0, x, y, x);
                p.set(1, x, y, y);
                p.set(2, x, y, 9);
            }
        }
        return p;
    }

    @Test
    void sameSeedGivesTheSameImageAndAnotherSeedAnother() {
        Planar img = coordinates();
        for (Options o : new Options[] {Options.thesis(500, 10), Options.originalCode(500, 10),
            new Options(500, 7, Sampling.GAUSSIAN, Replacement.MEAN, ChannelMode.PIXEL, false)}) {
            PixelDeflection pd = new PixelDeflection(o);
            assertThat(pd.apply(img, 42)).isEqualTo(pd.apply(img, 42)).isNotEqualTo(pd.apply(img, 43));
        }
        assertThat(img).isEqualTo(coordinates());
    }

    @Test
    void changesAtMostKPixelsOnlyWithValuesFromTheWindow() {
        Planar img = coordinates();
        for (int r : new int[] {1, 5, 10}) {
            for (Sampling s : Sampling.values()) {
                int k = 300;
                Planar out = new PixelDeflection(new Options(k, r, s, Replacement.RANDOM, ChannelMode.PIXEL, false)).apply(img, r);
                int changed = 0;
                for (int y = 0; y < H; y++) {
                    for (int x = 0; x < W; x++) {
                        float sx = out.get(0, x, y), sy = out.get(1, x, y);
                        if (sx != x || sy != y) {
                            changed++;
                            assertThat(Math.abs(sx - x)).as("column source r=%d %s", r, s).isLessThanOrEqualTo(r);
                            assertThat(Math.abs(sy - y)).as("row source r=%d %s", r, s).isLessThanOrEqualTo(r);
                        }
                        assertThat(out.get(2, x, y)).isEqualTo(9f);
                    }
                }
                assertThat(changed).isLessThanOrEqualTo(k).isGreaterThan(k / 2);
            }
        }
    }

    @Test
    void perChannelDeflectionChangesAtMostKSamplesPerChannel() {
        Planar img = coordinates();
        int k = 200, r = 4;
        Planar out = new PixelDeflection(new Options(k, r, Sampling.UNIFORM, Replacement.RANDOM, ChannelMode.CHANNEL, false)).apply(img, 1);
        for (int c = 0; c < 2; c++) {
            int changed = 0;
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    float v = out.get(c, x, y), orig = img.get(c, x, y);
                    if (v != orig) {
                        changed++;
                        assertThat(Math.abs(v - orig)).isLessThanOrEqualTo(r);
                    }
                }
            }
            assertThat(changed).isLessThanOrEqualTo(k).isGreaterThan(k / 3);
        }
    }

    @Test
    void originalCodeNeverReadsRowOrColumnZero() {
        Planar img = coordinates();
        Planar out = new PixelDeflection(Options.originalCode(20_000, 2)).apply(img, 5);
        int changed = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                if (out.get(0, x, y) != x) {
                    changed++;
                    assertThat(out.get(0, x, y)).isGreaterThanOrEqualTo(1f);
                }
                if (out.get(1, x, y) != y) {
                    assertThat(out.get(1, x, y)).isGreaterThanOrEqualTo(1f);
                }
            }
        }
        assertThat(changed).isGreaterThan(1000);
    }

    @Test
    void mapGuidedDeflectionNeverTouchesPixelsWhoseMapValueIsOne() {
        Planar img = coordinates();
        float[] m = new float[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W / 2; x++) {
                m[y * W + x] = 1f;
            }
            for (int x = W / 2; x < W; x++) {
                m[y * W + x] = 0.25f;
            }
        }
        SaliencyMap map = new SaliencyMap(W, H, m);
        for (Options o : new Options[] {Options.thesis(5000, 10), Options.originalCode(5000, 10)}) {
            Planar out = new PixelDeflection(o).apply(img, map, 7);
            int right = 0;
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    boolean changed = out.get(0, x, y) != img.get(0, x, y) || out.get(1, x, y) != img.get(1, x, y);
                    if (x < W / 2) {
                        assertThat(changed).as("pixel %d,%d has map value 1", x, y).isFalse();
                    } else if (changed) {
                        right++;
                    }
                }
            }
            assertThat(right).isGreaterThan(500);
        }
    }

    @Test
    void minMaxAndMeanReplacementUseTheWindow() {
        Planar img = coordinates();
        int r = 3;
        Planar min = new PixelDeflection(new Options(100, r, Sampling.UNIFORM, Replacement.MIN, ChannelMode.PIXEL, false)).apply(img, 3);
        Planar max = new PixelDeflection(new Options(100, r, Sampling.UNIFORM, Replacement.MAX, ChannelMode.PIXEL, false)).apply(img, 3);
        Planar mean = new PixelDeflection(new Options(100, r, Sampling.UNIFORM, Replacement.MEAN, ChannelMode.PIXEL, false)).apply(img, 3);
        int changed = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                if (min.get(0, x, y) != x) {
                    changed++;
                    assertThat(min.get(0, x, y)).isEqualTo((float) Math.max(0, x - r));
                    assertThat(min.get(1, x, y)).isEqualTo((float) Math.max(0, y - r));
                    assertThat(max.get(0, x, y)).isEqualTo((float) Math.min(W - 1, x + r));
                    assertThat(mean.get(0, x, y)).isEqualTo((Math.max(0, x - r) + Math.min(W - 1, x + r)) / 2f);
                }
            }
        }
        assertThat(changed).isGreaterThan(50);
    }

    @Test
    void rejectsAbsurdParameters() {
        assertThatThrownBy(() -> Options.thesis(100, -1)).hasMessageContaining("window");
        assertThatThrownBy(() -> Options.thesis(-5, 10)).hasMessageContaining("deflections");
        assertThatThrownBy(() -> new PixelDeflection(Options.originalCode(1, 1)).apply(Planar.zeros(1, 5, 1), 0))
                .hasMessageContaining("2x2");
    }

    @Test
    void windowLargerThanTheShorterSideMakesTheWholeImageTheNeighbourhood() {
        Planar img = coordinates();
        for (int r : new int[] {151, Integer.MAX_VALUE}) {
            Planar out = new PixelDeflection(Options.thesis(2000, r)).apply(img, 9);
            int far = 0;
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    if (Math.abs(out.get(0, x, y) - x) > 151) {
                        far++;
                    }
                }
            }
            assertThat(far).as("r=%d", r).isGreaterThan(20);
        }
    }
}
