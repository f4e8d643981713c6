package dev.sieve.jpeg;

/**
 * 8×8 forward DCT by the Arai–Agui–Nakajima factorisation in floating point (the algorithm of
 * libjpeg's {@code jfdctflt.c}). The output of {@link #transform} is the JPEG DCT (T.81 A.3.3)
 * multiplied by {@code 8·a[u]·a[v]} with {@code a = }{@link #AAN_SCALE}; quantizer divisors absorb
 * that factor ({@link #divisors}), so quantization costs one multiply per coefficient.
 */
final class ForwardDct {
    /** a[0] = 1, a[k] = √2·cos(kπ/16). */
    static final double[] AAN_SCALE = {
        1.0, 1.387039845, 1.306562965, 1.175875602, 1.0, 0.785694958, 0.541196100, 0.275899379
    };

    private ForwardDct() {
    }

    /** Reciprocal divisors for a quantization table in natural order: 1 / (q[k]·8·a[row]·a[col]). */
    static float[] divisors(int[] q) {
        float[] d = new float[64];
        for (int k = 0; k < 64; k++) {
            d[k] = (float) (1.0 / (q[k] * AAN_SCALE[k >> 3] * AAN_SCALE[k & 7] * 8.0));
        }
        return d;
    }

    /** Scaled DCT of a level-shifted 8×8 block, in place (natural order). */
    static void transform(float[] d) {
        transform(d, 0);
    }

    /** Scaled DCT of the level-shifted 8×8 block at {@code d[base .. base + 63]}, in place (natural order). */
    static void transform(float[] d, int base) {
        for (int o = base; o < base + 64; o += 8) {
            float tmp0 = d[o] + d[o + 7], tmp7 = d[o] - d[o + 7];
            float tmp1 = d[o + 1] + d[o + 6], tmp6 = d[o + 1] - d[o + 6];
            float tmp2 = d[o + 2] + d[o + 5], tmp5 = d[o + 2] - d[o + 5];
            float tmp3 = d[o + 3] + d[o + 4], tmp4 = d[o + 3] - d[o + 4];
            float tmp10 = tmp0 + tmp3, tmp13 = tmp0 - tmp3, tmp11 = tmp1 + tmp2, tmp12 = tmp1 - tmp2;
            d[o] = tmp10 + tmp11;
            d[o + 4] = tmp10 - tmp11;
            float z1 = (tmp12 + tmp13) * 0.707106781f;
            d[o + 2] = tmp13 + z1;
            d[o + 6] = tmp13 - z1;
            tmp10 = tmp4 + tmp5;
            tmp11 = tmp5 + tmp6;
            tmp12 = tmp6 + tmp7;
            float z5 = (tmp10 - tmp12) * 0.382683433f;
            float z2 = 0.541196100f * tmp10 + z5;
            float z4 = 1.306562965f * tmp12 + z5;
            float z3 = tmp11 * 0.707106781f;
            float z11 = tmp7 + z3, z13 = tmp7 - z3;
            d[o + 5] = z13 + z2;
            d[o + 3] = z13 - z2;
            d[o + 1] = z11 + z4;
            d[o + 7] = z11 - z4;
        }
        for (int o = base; o < base + 8; o++) {
            float tmp0 = d[o] + d[o + 56], tmp7 = d[o] - d[o + 56];
            float tmp1 = d[o + 8] + d[o + 48], tmp6 = d[o + 8] - d[o + 48];
            float tmp2 = d[o + 16] + d[o + 40], tmp5 = d[o + 16] - d[o + 40];
            float tmp3 = d[o + 24] + d[o + 32], tmp4 = d[o + 24] - d[o + 32];
            float tmp10 = tmp0 + tmp3, tmp13 = tmp0 - tmp3, tmp11 = tmp1 + tmp2, tmp12 = tmp1 - tmp2;
            d[o] = tmp10 + tmp11;
            d[o + 32] = tmp10 - tmp11;
            float z1 = (tmp12 + tmp13) * 0.707106781f;
            d[o + 16] = tmp13 + z1;
            d[o + 48] = tmp13 - z1;
            tmp10 = tmp4 + tmp5;
            tmp11 = tmp5 + tmp6;
            tmp12 = tmp6 + tmp7;
            float z5 = (tmp10 - tmp12) * 0.382683433f;
            float z2 = 0.541196100f * tmp10 + z5;
            float z4 = 1.306562965f * tmp12 + z5;
            float z3 = tmp11 * 0.707106781f;
            float z11 = tmp7 + z3, z13 = tmp7 - z3;
            d[o + 40] = z13 + z2;
            d[o + 24] = z13 - z2;
            d[o + 8] = z11 + z4;
            d[o + 56] = z11 - z4;
        }
    }
}
