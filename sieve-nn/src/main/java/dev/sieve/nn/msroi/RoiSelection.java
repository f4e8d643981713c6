package dev.sieve.nn.msroi;

/** Which classes contribute to the MS-ROI map (thesis §2.3, after eq. 2.5). */
public enum RoiSelection {
    /** Every class whose score {@code Z^c} exceeds the threshold {@code T}, weighted equally (eq. 2.5). */
    THRESHOLD,
    /** The {@code k} classes of highest {@code Z^c}, weighted by rank {@code k, k−1, …, 1} ("top five, weighted by rank"). */
    TOP_K;

    /** The rule named {@code topk} or {@code threshold} (any case), as reports and the command line spell it. */
    public static RoiSelection parse(String name) {
        return switch (name.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "topk" -> TOP_K;
            case "threshold" -> THRESHOLD;
            default -> throw new IllegalArgumentException("class selection must be topk or threshold, got '" + name + "'");
        };
    }

    /** {@code topk} or {@code threshold}. */
    @Override
    public String toString() {
        return this == TOP_K ? "topk" : "threshold";
    }
}
