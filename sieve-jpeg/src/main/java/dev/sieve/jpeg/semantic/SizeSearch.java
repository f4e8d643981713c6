package dev.sieve.jpeg.semantic;

import java.util.function.DoubleFunction;

/**
 * Finds the parameter p in [lo, hi] whose encoding is closest to a target size, assuming size
 * grows with p: a first guess, then bisection until the size is within the relative tolerance
 * or the bracket is narrower than 1e-3, keeping the closest encoding seen.
 */
final class SizeSearch {
    /** One trial: parameter and the encoded bytes. */
    record Trial(double parameter, byte[] bytes) {
    }

    /**
     * The chosen trial, how many encodes it took, and the smallest parameter tried whose encoding
     * was at least the target (NaN when none was).
     */
    record Outcome(Trial best, int steps, boolean withinTolerance, double lowestAtOrAbove) {
    }

    private SizeSearch() {
    }

    static Outcome search(DoubleFunction<byte[]> encode, double lo, double hi, double guess, long target,
            double tolerance) {
        Search run = new Search(encode, target, tolerance);
        if (run.hit(guess)) {
            return run.outcome();
        }
        boolean below = run.last < target;
        double end = below ? hi : lo;
        if (run.hit(end) || (below ? run.last < target : run.last > target)) {
            return run.outcome();
        }
        double a = below ? guess : lo, b = below ? hi : guess;
        while (b - a > 1e-3 && run.steps < 40) {
            double mid = 0.5 * (a + b);
            if (run.hit(mid)) {
                break;
            }
            if (run.last < target) {
                a = mid;
            } else {
                b = mid;
            }
        }
        return run.outcome();
    }

    /** Trials so far and the closest one. */
    private static final class Search {
        private final DoubleFunction<byte[]> encode;
        private final long target;
        private final double tolerance;
        private Trial best;
        private int steps;
        private long last;
        private double lowestAtOrAbove = Double.NaN;

        Search(DoubleFunction<byte[]> encode, long target, double tolerance) {
            this.encode = encode;
            this.target = target;
            this.tolerance = tolerance;
        }

        /** Encodes at {@code p}; true when the size is within tolerance. */
        boolean hit(double p) {
            byte[] bytes = encode.apply(p);
            steps++;
            last = bytes.length;
            if (bytes.length >= target && !(p >= lowestAtOrAbove)) {
                lowestAtOrAbove = p;
            }
            if (best == null || Math.abs(bytes.length - target) < Math.abs(best.bytes().length - target)) {
                best = new Trial(p, bytes);
            }
            return within(bytes.length);
        }

        boolean within(long size) {
            return Math.abs(size - target) <= tolerance * target;
        }

        Outcome outcome() {
            return new Outcome(best, steps, within(best.bytes().length), lowestAtOrAbove);
        }
    }
}
