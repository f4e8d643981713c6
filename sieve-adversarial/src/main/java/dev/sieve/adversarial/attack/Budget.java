package dev.sieve.adversarial.attack;

import dev.sieve.image.defense.DefenseParams;
import java.util.Locale;

/**
 * A perturbation budget: a norm and its radius ε for images with samples in [0, 1] (so L∞ 4/255
 * is written {@code linf=4/255}, the thesis' normalized L2 of 0.04 {@code l2=0.04}).
 */
public record Budget(Norm norm, double epsilon) {
    public Budget {
        if (!(epsilon > 0 && epsilon <= 1)) {
            throw new IllegalArgumentException("budget " + norm.key() + " must be in (0, 1] on [0, 1] images, got " + epsilon);
        }
    }

    public static Budget linf(double eps) {
        return new Budget(Norm.LINF, eps);
    }

    public static Budget l2(double eps) {
        return new Budget(Norm.L2, eps);
    }

    /** Parses {@code l2=0.04} or {@code linf=4/255}. */
    public static Budget parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        int eq = t.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("budget " + DefenseParams.quote(text) + " must be NORM=EPS, e.g. l2=0.04 or linf=4/255");
        }
        return new Budget(Norm.parse(t.substring(0, eq)), number(t.substring(eq + 1), text));
    }

    /** A number, or a fraction such as {@code 4/255}. */
    public static double number(String value, String context) {
        String v = value.strip();
        try {
            int slash = v.indexOf('/');
            return slash < 0 ? Double.parseDouble(v) : Double.parseDouble(v.substring(0, slash)) / Double.parseDouble(v.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(DefenseParams.quote(context) + ": " + DefenseParams.quote(value) + " is not a number or fraction");
        }
    }

    @Override
    public String toString() {
        return norm.key() + "=" + (float) epsilon;
    }
}
