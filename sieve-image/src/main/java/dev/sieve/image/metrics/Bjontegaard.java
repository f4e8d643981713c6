package dev.sieve.image.metrics;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Bjøntegaard deltas between two rate–distortion curves (VCEG-M33, 2001), in the piecewise-cubic
 * form of the later JCTVC/AOM tools: each curve is interpolated with {@link Pchip} (monotone
 * piecewise cubic Hermite, as {@code scipy.interpolate.PchipInterpolator}) instead of the
 * original cubic polynomial fit, and the interpolants are integrated exactly over the interval
 * both curves cover.
 *
 * <ul>
 *   <li>{@link #bdRate}: {@code 100 (10^{avg Δ log10 R} − 1)} %, the mean difference of
 *       {@code log10(rate)} as a function of quality over the common quality range. The bitrate
 *       difference of the test curve at equal quality: −10 means the test needs 10 % fewer bits.
 *   <li>{@link #bdQuality}: the mean difference of quality as a function of {@code log10(rate)}
 *       over the common log-rate range, in the quality's unit (BD-PSNR in dB for PSNR); positive
 *       means the test is better at equal rate.
 * </ul>
 * Rate may be in any positive unit (bytes, bits per pixel); both deltas are unchanged by scaling
 * it. Quality may be any metric that grows with fidelity (PSNR, SSIM, …). Points may come in any
 * order; a curve needs at least 2 points (4 is usual) with distinct rates and distinct qualities.
 */
public final class Bjontegaard {
    private Bjontegaard() {
    }

    /**
     * BD-rate of {@code test} against {@code reference}, in percent (negative: the test needs fewer
     * bits for the same quality).
     *
     * @throws IllegalArgumentException on malformed curves or when their quality ranges do not overlap
     */
    public static double bdRate(double[] refRate, double[] refQuality, double[] testRate, double[] testQuality) {
        check("reference", refRate, refQuality);
        check("test", testRate, testQuality);
        Pchip ref = curve("reference", refQuality, log10(refRate), "quality");
        Pchip test = curve("test", testQuality, log10(testRate), "quality");
        double avg = meanDifference(ref, test, "quality");
        return (Math.pow(10, avg) - 1) * 100;
    }

    /**
     * BD-quality (BD-PSNR for PSNR) of {@code test} against {@code reference}: the mean quality
     * difference at equal rate, in the quality's unit (positive: the test is better).
     *
     * @throws IllegalArgumentException on malformed curves or when their rate ranges do not overlap
     */
    public static double bdQuality(double[] refRate, double[] refQuality, double[] testRate, double[] testQuality) {
        check("reference", refRate, refQuality);
        check("test", testRate, testQuality);
        Pchip ref = curve("reference", log10(refRate), refQuality, "rate");
        Pchip test = curve("test", log10(testRate), testQuality, "rate");
        return meanDifference(ref, test, "log10(rate)");
    }

    /**
     * A curve's quality at {@code atRate}: PCHIP of quality over {@code log10(rate)}, the
     * interpolation {@link #bdQuality} integrates. Exactly the measured quality at a measured rate.
     *
     * @throws IllegalArgumentException on a malformed curve or when {@code atRate} lies outside the
     *     curve's rate range (no extrapolation)
     */
    public static double qualityAtRate(double[] rate, double[] quality, double atRate) {
        check("curve", rate, quality);
        double lo = Arrays.stream(rate).min().orElseThrow(), hi = Arrays.stream(rate).max().orElseThrow();
        if (!(atRate >= lo && atRate <= hi)) {
            throw new IllegalArgumentException("rate " + num(atRate) + " is outside the curve's rate range ["
                    + num(lo) + ", " + num(hi) + "]; no extrapolation");
        }
        Pchip p = curve("curve", log10(rate), quality, "rate");
        // clamp: log10 of an end rate is the end abscissa itself
        double t = atRate == lo ? p.min() : atRate == hi ? p.max() : Math.max(p.min(), Math.min(p.max(), Math.log10(atRate)));
        return p.value(t);
    }

    /** {@code (∫ test − ∫ reference) / (hi − lo)} over the overlap [lo, hi] of the two abscissa ranges. */
    private static double meanDifference(Pchip ref, Pchip test, String axis) {
        double lo = Math.max(ref.min(), test.min()), hi = Math.min(ref.max(), test.max());
        if (!(hi > lo)) {
            throw new IllegalArgumentException("the curves do not overlap in " + axis + ": reference covers ["
                    + num(ref.min()) + ", " + num(ref.max()) + "], test [" + num(test.min()) + ", " + num(test.max()) + "]");
        }
        return (test.integral(lo, hi) - ref.integral(lo, hi)) / (hi - lo);
    }

    /** The PCHIP of {@code y} over {@code x}, points sorted by x; equal x values are refused. */
    private static Pchip curve(String which, double[] x, double[] y, String xName) {
        Integer[] order = new Integer[x.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> x[i]));
        double[] sx = new double[x.length], sy = new double[x.length];
        for (int i = 0; i < order.length; i++) {
            sx[i] = x[order[i]];
            sy[i] = y[order[i]];
            if (i > 0 && sx[i] == sx[i - 1]) {
                throw new IllegalArgumentException(which + " curve has two points with the same " + xName);
            }
        }
        return new Pchip(sx, sy);
    }

    private static void check(String which, double[] rate, double[] quality) {
        if (rate.length != quality.length) {
            throw new IllegalArgumentException(which + " curve has " + rate.length + " rates but " + quality.length
                    + " qualities");
        }
        if (rate.length < 2) {
            throw new IllegalArgumentException(which + " curve needs at least 2 points, got " + rate.length);
        }
        for (int i = 0; i < rate.length; i++) {
            if (!(rate[i] > 0) || !Double.isFinite(rate[i])) {
                throw new IllegalArgumentException(which + " curve has a rate that is not a positive number: " + rate[i]);
            }
            if (!Double.isFinite(quality[i])) {
                throw new IllegalArgumentException(which + " curve has a quality that is not finite: " + quality[i]);
            }
        }
    }

    private static double[] log10(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.log10(v[i]);
        }
        return out;
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
