package dev.sieve.nn.model;

/** Losses whose input gradient a {@link Classifier} computes. */
public enum ClassifierLoss {
    /** Softmax cross-entropy of the target class, {@code −log p_t}. */
    CROSS_ENTROPY,
    /** The target class's logit {@code z_t} (for DeepFool / C&amp;W style attacks). */
    LOGIT
}
