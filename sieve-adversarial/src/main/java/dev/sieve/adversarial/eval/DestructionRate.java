package dev.sieve.adversarial.eval;

/**
 * Destruction rate (Kurakin, Goodfellow &amp; Bengio 2017; thesis §3.7): among images classified
 * correctly when clean and wrongly when attacked, the fraction the transformation {@code T}
 * brings back to the correct class,
 * {@code d = Σ C(x_i, y_i)(1 − C(x'_i, y_i)) C(T(x'_i), y_i) / Σ C(x_i, y_i)(1 − C(x'_i, y_i))}.
 */
public final class DestructionRate {
    private DestructionRate() {
    }

    /** {@code d} from the three indicator arrays; NaN when no image was fooled. */
    public static double of(boolean[] clean, boolean[] attacked, boolean[] transformed) {
        if (clean.length != attacked.length || clean.length != transformed.length) {
            throw new IllegalArgumentException("indicator arrays differ in length");
        }
        int fooled = 0, restored = 0;
        for (int i = 0; i < clean.length; i++) {
            if (clean[i] && !attacked[i]) {
                fooled++;
                restored += transformed[i] ? 1 : 0;
            }
        }
        return fooled == 0 ? Double.NaN : (double) restored / fooled;
    }
}
