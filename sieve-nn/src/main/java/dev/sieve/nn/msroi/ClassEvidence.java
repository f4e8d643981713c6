package dev.sieve.nn.msroi;

/** What an MS-ROI map sums per selected class at each position (thesis eq. 2.5). */
public enum ClassEvidence {
    /** {@code Σ_d f_d^c(x, y)}: the class's own feature maps after ReLU, eq. 2.5 as written. */
    FEATURES,
    /** {@code max(0, s^c(x, y))}: the class score map (the feature maps weighted by the last layer, plus bias), cut at 0. */
    SCORES
}
