package dev.sieve.adversarial.attack;

import dev.sieve.image.Planar;
import java.util.List;

/**
 * Adversarial images (samples in [0, 255], same size as the inputs) with the model's prediction on
 * each, whether the attack's {@link Goal} was reached, and the achieved perturbation in normalized
 * L2 (RMSE on [0, 1] samples) and L∞ (on [0, 1]).
 */
public record AttackResult(List<Planar> images, int[] predicted, boolean[] success, double[] l2, double[] linf) {
    public AttackResult {
        images = List.copyOf(images);
    }

    public int size() {
        return images.size();
    }

    /** Fraction of images on which the goal was reached. */
    public double successRate() {
        int s = 0;
        for (boolean b : success) {
            s += b ? 1 : 0;
        }
        return size() == 0 ? Double.NaN : (double) s / size();
    }

    /** Mean of {@code values} over the successful images (NaN when there is none). */
    public double meanOverSuccessful(double[] values) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            if (success[i]) {
                sum += values[i];
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
