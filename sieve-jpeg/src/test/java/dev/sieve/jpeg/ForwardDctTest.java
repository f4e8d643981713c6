package dev.sieve.jpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ForwardDctTest {
    /** T.81 A.3.3: F(u,v) = ¼ C(u) C(v) Σ f(x,y) cos((2x+1)uπ/16) cos((2y+1)vπ/16). */
    private static double reference(float[] f, int u, int v) {
        double s = 0;
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                s += f[y * 8 + x] * Math.cos((2 * x + 1) * u * Math.PI / 16) * Math.cos((2 * y + 1) * v * Math.PI / 16);
            }
        }
        double cu = u == 0 ? 1 / Math.sqrt(2) : 1, cv = v == 0 ? 1 / Math.sqrt(2) : 1;
        return 0.25 * cu * cv * s;
    }

    @Test
    void scaledOutputDividedByTheAanFactorsEqualsTheT81Dct() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int trial = 0; trial < 20; trial++) {
            float[] block = new float[64];
            for (int i = 0; i < 64; i++) {
                block[i] = (float) (rnd.nextInt(256) - 128);
            }
            float[] d = block.clone();
            ForwardDct.transform(d);
            for (int v = 0; v < 8; v++) {
                for (int u = 0; u < 8; u++) {
                    double scaled = d[v * 8 + u] / (8 * ForwardDct.AAN_SCALE[v] * ForwardDct.AAN_SCALE[u]);
                    assertThat(scaled).isCloseTo(reference(block, u, v), Offset.offset(1e-3));
                }
            }
        }
    }

    @Test
    void divisorsQuantizeToTheTableStep() {
        int[] q = QuantTable.forQuality(50, true);
        float[] div = ForwardDct.divisors(q);
        float[] block = new float[64];
        java.util.Arrays.fill(block, 100f);
        ForwardDct.transform(block);
        assertThat(block[0] * div[0]).isCloseTo((float) (800.0 / q[0]), Offset.offset(1e-3f));
    }
}
