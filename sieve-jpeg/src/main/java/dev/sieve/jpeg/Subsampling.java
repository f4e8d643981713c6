package dev.sieve.jpeg;

import dev.sieve.image.defense.DefenseParams;

/** Chroma subsampling of a colour JPEG; grayscale images have one component and ignore it. */
public enum Subsampling {
    /** No subsampling: every component at full resolution (cjpeg {@code -sample 1x1}). */
    S444(1),
    /** Chroma halved in both directions, 2×2 averaging (cjpeg's default {@code -sample 2x2}). */
    S420(2);

    /** Luma sampling factor H = V of the Y component. */
    final int lumaFactor;

    Subsampling(int lumaFactor) {
        this.lumaFactor = lumaFactor;
    }

    /** Parses "420", "444", "4:2:0" or "4:4:4". */
    public static Subsampling parse(String s) {
        return switch (s.replace(":", "")) {
            case "420" -> S420;
            case "444" -> S444;
            default -> throw new IllegalArgumentException("subsampling must be 420 or 444, got " + DefenseParams.quote(s));
        };
    }

    @Override
    public String toString() {
        return this == S420 ? "4:2:0" : "4:4:4";
    }
}
