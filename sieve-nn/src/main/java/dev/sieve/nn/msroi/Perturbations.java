package dev.sieve.nn.msroi;

/**
 * The random perturbations Aug-MSROI averages over (thesis §3.6, Figure 3.4): each pass shifts the
 * input by up to {@code jitter} pixels, adds Gaussian noise of standard deviation {@code inputNoise}
 * (8-bit units) to it, and adds Gaussian noise of standard deviation {@code activationNoise} × the
 * RMS of each feature stage's output to that output ({@code a_{l+1} = f_l(a_l + Δ)}).
 *
 * @param passes number of perturbed maps averaged (the thesis timed 5)
 */
public record Perturbations(int passes, float inputNoise, float activationNoise, int jitter) implements java.io.Serializable {
    /** 5 passes, σ = 8 on the input, 0.25 × RMS on activations, ±8 px jitter. */
    public static final Perturbations DEFAULT = new Perturbations(5, 8f, 0.25f, 8);

    public Perturbations {
        if (passes < 1 || passes > 1000) {
            throw new IllegalArgumentException("Aug-MSROI passes must be 1..1000, got " + passes);
        }
        if (!(inputNoise >= 0) || !(activationNoise >= 0) || jitter < 0 || jitter > 256) {
            throw new IllegalArgumentException("Aug-MSROI noise must be ≥ 0 and jitter 0..256 px");
        }
    }
}
