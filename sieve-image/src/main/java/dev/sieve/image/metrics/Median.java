package dev.sieve.image.metrics;

import java.util.Arrays;

/** The median of a sample (mean of the two middle values for an even count), e.g. of timings. */
public final class Median {
    private Median() {
    }

    /** The median of {@code values} (not changed); none is an {@link IllegalArgumentException}. */
    public static double of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }
}
