package dev.sieve.nn.msroi;

/** Which classes contribute to the MS-ROI map (thesis §2.3, after eq. 2.5). */
public enum RoiSelection {
    /** Every class whose score {@code Z^c} exceeds the threshold {@code T}, weighted equally (eq. 2.5). */
    THRESHOLD,
    /** The {@code k} classes of highest {@code Z^c}, weighted by rank {@code k, k−1, …, 1} ("top five, weighted by rank"). */
    TOP_K
}
