package dev.sieve.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ResampleTest {
    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextDouble(0, 255);
        }
        return v;
    }

    @Test
    void shrinkingByAnIntegerFactorAveragesEachBlock() {
        int sw = 12, sh = 9;
        float[] src = random(sw * sh, 1);
        float[] dst = Resample.resize(src, sw, sh, 4, 3);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 4; x++) {
                double sum = 0;
                for (int dy = 0; dy < 3; dy++) {
                    for (int dx = 0; dx < 3; dx++) {
                        sum += src[(3 * y + dy) * sw + 3 * x + dx];
                    }
                }
                assertThat(dst[y * 4 + x]).isCloseTo((float) (sum / 9), Offset.offset(1e-3f));
            }
        }
    }

    @Test
    void shrinkingByAFractionKeepsTheMeanOfEachRowBand() {
        int sw = 37, sh = 23, dw = 10, dh = 7;
        float[] src = random(sw * sh, 2);
        float[] dst = Resample.resize(src, sw, sh, dw, dh);
        double a = 0, b = 0;
        for (float v : src) {
            a += v;
        }
        for (float v : dst) {
            b += v;
        }
        assertThat(b / dst.length).isCloseTo(a / src.length, Offset.offset(1e-3));
    }

    @Test
    void enlargingIsBilinearBetweenAlignedPixelCentres() {
        float[] src = {0, 10, 20, 30};
        float[] dst = Resample.resize(src, 2, 2, 4, 4);
        // output x = 1 samples source x = (1 + 0.5) / 2 - 0.5 = 0.25; y likewise
        float top = 0 * 0.75f + 10 * 0.25f, bottom = 20 * 0.75f + 30 * 0.25f;
        assertThat(dst[1 * 4 + 1]).isCloseTo(top * 0.75f + bottom * 0.25f, Offset.offset(1e-4f));
        assertThat(dst[0]).isEqualTo(0f);
        assertThat(dst[15]).isEqualTo(30f);
    }
}
