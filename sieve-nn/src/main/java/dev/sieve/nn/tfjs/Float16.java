package dev.sieve.nn.tfjs;

/** IEEE 754 binary16 ("half") to float conversion, exact for every half value (subnormals, ±∞, NaN). */
final class Float16 {
    private Float16() {
    }

    /** The float value of the half whose bits are the low 16 bits of {@code h}. */
    static float toFloat(int h) {
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }
}
