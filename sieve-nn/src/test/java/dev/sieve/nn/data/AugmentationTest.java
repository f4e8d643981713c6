package dev.sieve.nn.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AugmentationTest {
    private static float[] ramp() {
        float[] x = new float[2 * 3 * 4];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
        }
        return x;
    }

    @Test
    void flipOnlyMirrorsRowsOfEveryChannel() {
        Augmentation flip = new Augmentation(0, true);
        float[] scratch = new float[12];
        SplittableRandom rnd = new SplittableRandom(3);
        boolean sawMirror = false, sawSame = false;
        for (int t = 0; t < 20; t++) {
            float[] x = ramp();
            flip.apply(x, 0, 2, 3, 4, rnd, scratch);
            if (x[0] == 4) {
                sawMirror = true;
                assertThat(x).startsWith(4, 3, 2, 1, 8, 7, 6, 5);
                assertThat(x[12]).isEqualTo(16);
            } else {
                sawSame = true;
                assertThat(x).containsExactly(ramp());
            }
        }
        assertThat(sawMirror && sawSame).isTrue();
    }

    @Test
    void paddedCropShiftsContentAndFillsZerosAndIsSeeded() {
        Augmentation crop = new Augmentation(1, false);
        float[] a = null;
        for (int run = 0; run < 2; run++) {
            SplittableRandom rnd = new SplittableRandom(42);
            float[] scratch = new float[12];
            float[] all = new float[0];
            for (int t = 0; t < 30; t++) {
                float[] x = ramp();
                crop.apply(x, 0, 2, 3, 4, rnd, scratch);
                float sum = 0;
                for (float v : x) {
                    sum += v;
                    assertThat(v == 0 || (v >= 1 && v <= 24)).isTrue();
                }
                float full = 0;
                for (float v : ramp()) {
                    full += v;
                }
                assertThat(sum).isLessThanOrEqualTo(full);
                all = concat(all, x);
            }
            if (a == null) {
                a = all;
            } else {
                assertThat(all).containsExactly(a);
            }
        }
    }

    private static float[] concat(float[] a, float[] b) {
        float[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
