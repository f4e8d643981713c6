package dev.sieve.jpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TrellisTest {
    private static final int[] LUMA_AC = HuffmanTable.standard(false, true).size;

    /** A block of Laplacian-like coefficients in step units, larger at low frequencies. */
    private static float[] block(Random r, double scale) {
        float[] x = new float[64];
        for (int k = 0; k < 64; k++) {
            int zz = ZigZag.NATURAL[k];
            x[zz] = (float) (r.nextGaussian() * scale * 8 / (1 + k));
        }
        return x;
    }

    private static double[] weights(Random r) {
        double[] d = new double[64];
        for (int z = 0; z < 64; z++) {
            d[z] = 50 + 300 * r.nextDouble();
        }
        return d;
    }

    private static short[] rounded(float[] x) {
        short[] v = new short[64];
        for (int k = 1; k < 64; k++) {
            v[k] = (short) Math.round(x[k]);
        }
        return v;
    }

    @Test
    void rdCostIsNeverAboveRoundToNearestAtTheSameLambda() {
        Random r = new Random(1);
        Trellis.Scratch s = new Trellis.Scratch();
        int better = 0;
        for (int i = 0; i < 2000; i++) {
            float[] x = block(r, 1 + 6 * r.nextDouble());
            double[] d = weights(r);
            double lambda = r.nextDouble() * 400;
            short[] v = new short[64];
            Trellis.quantize(x, d, LUMA_AC, lambda, v, 0, s);
            double jt = Trellis.cost(x, d, LUMA_AC, lambda, v, 0);
            double jr = Trellis.cost(x, d, LUMA_AC, lambda, rounded(x), 0);
            assertThat(jt).isLessThanOrEqualTo(jr + 1e-9 * Math.abs(jr));
            if (jt < jr - 1e-6) {
                better++;
            }
        }
        assertThat(better).as("blocks where the trellis found a cheaper path").isGreaterThan(1000);
    }

    @Test
    void zeroLambdaGivesRoundToNearest() {
        Random r = new Random(2);
        Trellis.Scratch s = new Trellis.Scratch();
        for (int i = 0; i < 500; i++) {
            float[] x = block(r, 5);
            short[] v = new short[64];
            Trellis.quantize(x, weights(r), LUMA_AC, 0, v, 0, s);
            short[] expected = rounded(x);
            for (int k = 1; k < 64; k++) {
                if (Math.abs(Math.abs(x[k]) - Math.floor(Math.abs(x[k])) - 0.5) > 1e-4) {
                    assertThat(v[k]).as("coefficient %d of block %d", k, i).isEqualTo(expected[k]);
                }
            }
        }
    }

    @Test
    void dynamicProgrammingFindsTheExhaustiveMinimumOverTheCandidates() {
        Random r = new Random(3);
        Trellis.Scratch s = new Trellis.Scratch();
        for (int i = 0; i < 300; i++) {
            float[] x = new float[64];
            int[] pos = new int[4];
            for (int j = 0; j < pos.length; j++) {
                pos[j] = ZigZag.NATURAL[1 + r.nextInt(63)];
                x[pos[j]] = (float) ((r.nextBoolean() ? 1 : -1) * (0.5 + 9 * r.nextDouble()));
            }
            double[] d = weights(r);
            double lambda = r.nextDouble() * 300;
            short[] v = new short[64];
            Trellis.quantize(x, d, LUMA_AC, lambda, v, 0, s);
            double best = exhaustive(x, d, lambda, pos, 0, new short[64]);
            assertThat(Trellis.cost(x, d, LUMA_AC, lambda, v, 0)).isCloseTo(best, org.assertj.core.data.Offset.offset(1e-6 * (1 + best)));
        }
    }

    /** Minimum J over every candidate combination at {@code pos[j..]} (0, round, 2^s − 1 below it). */
    private static double exhaustive(float[] x, double[] d, double lambda, int[] pos, int j, short[] v) {
        if (j == pos.length) {
            return Trellis.cost(x, d, LUMA_AC, lambda, v, 0);
        }
        int k = pos[j];
        float a = Math.abs(x[k]);
        int rr = (int) (a + 0.5f);
        java.util.List<Integer> c = new java.util.ArrayList<>(java.util.List.of(0, rr));
        for (int m = 1; (1 << m) - 1 < rr; m++) {
            c.add((1 << m) - 1);
        }
        double best = Double.POSITIVE_INFINITY;
        short keep = v[k];
        for (int level : c) {
            v[k] = (short) (x[k] < 0 ? -level : level);
            best = Math.min(best, exhaustive(x, d, lambda, pos, j + 1, v));
        }
        v[k] = keep;
        return best;
    }

    @Test
    void aLongRunUsesZrlAndALastCoefficientNeedsNoEob() {
        float[] x = new float[64];
        x[ZigZag.NATURAL[63]] = 40;
        short[] v = new short[64];
        double[] d = new double[64];
        java.util.Arrays.fill(d, 1);
        Trellis.quantize(x, d, LUMA_AC, 0.01, v, 0, new Trellis.Scratch());
        assertThat(v[ZigZag.NATURAL[63]]).isEqualTo((short) 40);
        int bits = 3 * LUMA_AC[0xF0] + LUMA_AC[(14 << 4) | 6] + 6;
        assertThat(Trellis.cost(x, d, LUMA_AC, 1, v, 0)).isCloseTo(bits, org.assertj.core.data.Offset.offset(1e-9));
    }
}
