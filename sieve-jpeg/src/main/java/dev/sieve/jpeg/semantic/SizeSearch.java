package dev.sieve.jpeg.semantic;

import java.util.function.DoubleFunction;

/**
 * Finds the parameter p in [lo, hi] whose encoding is closest to a target size, assuming size
 * grows with p: bisection until the size is within the relative tolerance or the bracket is
 * narrower than 1e-3, keeping the closest encoding seen.
 */
final class SizeSearch {
    /** One trial: parameter and the encoded bytes. */
    record Trial(double parameter, byte[] bytes) {
    }

    /** The chosen trial and how many encodes it took. */
    record Outcome(Trial best, int steps, boolean withinTolerance) {
    }

    private SizeSearch() {
    }

    static Outcome search(DoubleFunction<byte[]> encode, double lo, double hi, long target, double tolerance) {
        Trial best = null;
        int steps = 0;
        double a = lo, b = hi;
        for (int i = 0; i < 40 && b - a > 1e-3; i++) {
            double mid = i == 0 ? hi : (i == 1 ? lo : 0.5 * (a + b));
            byte[] bytes = encode.apply(mid);
            steps++;
            Trial t = new Trial(mid, bytes);
            if (best == null || Math.abs(bytes.length - target) < Math.abs(best.bytes().length - target)) {
                best = t;
            }
            if (Math.abs(bytes.length - target) <= tolerance * target) {
                return new Outcome(t, steps, true);
            }
            if (i == 0 && bytes.length < target) {
                break;
            }
            if (i == 1) {
                if (bytes.length > target) {
                    break;
                }
                continue;
            }
            if (bytes.length < target) {
                a = mid;
            } else {
                b = mid;
            }
        }
        return new Outcome(best, steps, Math.abs(best.bytes().length - target) <= tolerance * target);
    }
}
