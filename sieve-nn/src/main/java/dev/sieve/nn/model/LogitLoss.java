package dev.sieve.nn.model;

/**
 * A per-image loss of the logits {@code ℓ_i(z)} whose weights depend on the logits themselves
 * (e.g. the DLR loss, which sorts them): {@link Classifier#logitLossGradient} evaluates it on the
 * logits of its own forward pass and back-propagates {@code Σ_k ∂ℓ_i/∂z_k · z_k}, so value, logits
 * and input gradient come from one forward and one backward pass.
 */
public interface LogitLoss {
    /** {@code ℓ_i(z)} for image {@code i} with logits {@code z}. */
    double value(int i, float[] z);

    /** {@code ∂ℓ_i/∂z} at {@code z}, one entry per class. */
    float[] weights(int i, float[] z);
}
