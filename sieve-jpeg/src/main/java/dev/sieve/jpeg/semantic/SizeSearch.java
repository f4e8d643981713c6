package dev.sieve.jpeg.semantic;

import java.util.function.DoubleFunction;

/**
 * Finds the parameter p in [lo, hi] whose encoding is closest to a target size, assuming size
 * grows with p: a first guess; steps of (hi − lo)/16, doubling, away from it until the target is
 * bracketed (or a bound is reached); then false position on log size, with a bisection step
 * whenever the bracket did not halve, until the size is within the relative tolerance or the
 * bracket is narrower than 1e-3. Keeps the closest encoding seen.
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
        return search(encode, lo, hi, guess, target, tolerance, 1);
    }

    /**
     * As {@link #search(DoubleFunction, double, double, double, long, double)}, also stopping once the
     * bracket's sizes differ by a factor of at most {@code stopRatio} (a coarse first stage).
     */
    static Outcome search(DoubleFunction<byte[]> encode, double lo, double hi, double guess, long target,
            double tolerance, double stopRatio) {
        Search run = new Search(encode, target, tolerance);
        double p = Math.max(lo, Math.min(hi, guess));
        if (run.hit(p)) {
            return run.outcome();
        }
        boolean below = run.last < target;
        double a = p, b = p;
        long sa = run.last, sb = run.last;
        double step = (hi - lo) / 16;
        while (true) {
            double next = below ? Math.min(hi, p + step) : Math.max(lo, p - step);
            if (next == p) {
                return run.outcome();
            }
            if (run.hit(next)) {
                return run.outcome();
            }
            p = next;
            if ((run.last < target) != below) {
                break;
            }
            if (below) {
                a = p;
                sa = run.last;
            } else {
                b = p;
                sb = run.last;
            }
            step *= 2;
        }
        if (below) {
            b = p;
            sb = run.last;
        } else {
            a = p;
            sa = run.last;
        }
        double lt = Math.log(target);
        while (b - a > 1e-3 && run.steps < 40 && sb > stopRatio * sa) {
            double width = b - a;
            double la = Math.log(Math.max(1, sa)), lb = Math.log(Math.max(1, sb));
            double mid = lb > la ? a + width * (lt - la) / (lb - la) : 0.5 * (a + b);
            mid = Math.max(a + 0.02 * width, Math.min(b - 0.02 * width, mid));
            if (run.hit(mid)) {
                break;
            }
            if (run.last < target) {
                a = mid;
                sa = run.last;
            } else {
                b = mid;
                sb = run.last;
            }
            if (b - a > 0.5 * width) {
                double half = 0.5 * (a + b);
                if (run.hit(half)) {
                    break;
                }
                if (run.last < target) {
                    a = half;
                    sa = run.last;
                } else {
                    b = half;
                    sb = run.last;
                }
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
