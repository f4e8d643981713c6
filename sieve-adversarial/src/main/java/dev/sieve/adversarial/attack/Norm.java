package dev.sieve.adversarial.attack;

import dev.sieve.image.defense.DefenseParams;
import java.util.Locale;

/**
 * How a perturbation {@code δ} of an image with samples in [0, 1] is measured. {@link #LINF} is
 * {@code max |δ_j|}; {@link #L2} is the thesis' normalized L2 ("|L2|", §3.7, §4.9): the RMSE
 * {@code sqrt(mean δ_j²)} = {@code ‖δ‖₂ / sqrt(n)}, so budgets do not depend on the image size. A
 * sign step of size ε has RMSE ε, which is why an L2 budget r bounds an L∞ attack run at ε = r.
 */
public enum Norm {
    LINF,
    L2;

    /** Size of {@code delta} in this norm. */
    public double size(float[] delta) {
        double s = 0;
        if (this == LINF) {
            for (float d : delta) {
                s = Math.max(s, Math.abs(d));
            }
            return s;
        }
        for (float d : delta) {
            s += (double) d * d;
        }
        return Math.sqrt(s / delta.length);
    }

    /** Shrinks {@code delta} in place into the ball of radius {@code eps} (clip for L∞, rescale for L2). */
    public void project(float[] delta, double eps) {
        if (this == LINF) {
            float e = (float) eps;
            for (int j = 0; j < delta.length; j++) {
                delta[j] = Math.max(-e, Math.min(e, delta[j]));
            }
            return;
        }
        double size = size(delta);
        if (size > eps) {
            float scale = (float) (eps / size);
            for (int j = 0; j < delta.length; j++) {
                delta[j] *= scale;
            }
        }
    }

    /** {@code linf} or {@code l2}. */
    public static Norm parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "linf", "l-inf", "inf" -> LINF;
            case "l2" -> L2;
            default -> throw new IllegalArgumentException("unknown norm " + DefenseParams.quote(text) + " (linf or l2)");
        };
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
