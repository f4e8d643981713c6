package dev.sieve.cli;

import java.util.Arrays;

/** The median of benchmark timings (mean of the two middle values for an even count). */
final class Median {
    private Median() {
    }

    static double of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }
}
