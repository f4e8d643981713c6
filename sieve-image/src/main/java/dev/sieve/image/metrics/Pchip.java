package dev.sieve.image.metrics;

import java.util.Arrays;

/**
 * Monotone piecewise cubic Hermite interpolation (PCHIP) through points {@code (x_k, y_k)} with
 * strictly increasing {@code x}, exactly as {@code scipy.interpolate.PchipInterpolator}:
 * with {@code h_k = x_{k+1} − x_k} and slopes {@code m_k = (y_{k+1} − y_k) / h_k}, an interior
 * derivative is 0 where {@code m_{k−1}} and {@code m_k} differ in sign or either is 0, else the
 * weighted harmonic mean {@code (w1 + w2) / d_k = w1 / m_{k−1} + w2 / m_k} with
 * {@code w1 = 2h_k + h_{k−1}}, {@code w2 = h_k + 2h_{k−1}} (Fritsch &amp; Carlson 1980, Fritsch &amp;
 * Butland 1984); an end derivative is the one-sided three-point estimate
 * {@code ((2h0 + h1) m0 − h0 m1) / (h0 + h1)}, set to 0 if its sign differs from {@code m0} and
 * to {@code 3 m0} if {@code m0, m1} differ in sign and it exceeds {@code 3|m0|} (Moler,
 * <i>Numerical Computing with MATLAB</i> §3.6). Two points give the straight line. The
 * interpolant is monotone wherever the data are and never overshoots them.
 *
 * <p>Unlike scipy this class does not extrapolate: {@link #value} and {@link #integral} refuse
 * arguments outside {@code [x_0, x_{n−1}]}.
 */
public final class Pchip {
    private final double[] x;
    private final double[] y;
    private final double[] d;

    /**
     * The interpolant through {@code (x[k], y[k])}.
     *
     * @throws IllegalArgumentException unless there are ≥ 2 finite points with strictly increasing x
     */
    public Pchip(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("PCHIP needs as many y as x values, got " + x.length + " and " + y.length);
        }
        if (x.length < 2) {
            throw new IllegalArgumentException("PCHIP needs at least 2 points, got " + x.length);
        }
        for (int k = 0; k < x.length; k++) {
            if (!Double.isFinite(x[k]) || !Double.isFinite(y[k])) {
                throw new IllegalArgumentException("PCHIP needs finite points, got (" + x[k] + ", " + y[k] + ")");
            }
            if (k > 0 && !(x[k] > x[k - 1])) {
                throw new IllegalArgumentException("PCHIP needs strictly increasing x, got " + x[k - 1] + " then " + x[k]);
            }
        }
        this.x = x.clone();
        this.y = y.clone();
        this.d = derivatives(this.x, this.y);
    }

    /** The derivatives {@code d_k} at the points (scipy's {@code _find_derivatives}). */
    static double[] derivatives(double[] x, double[] y) {
        int n = x.length;
        double[] h = new double[n - 1], m = new double[n - 1];
        for (int k = 0; k < n - 1; k++) {
            h[k] = x[k + 1] - x[k];
            m[k] = (y[k + 1] - y[k]) / h[k];
        }
        double[] d = new double[n];
        if (n == 2) {
            d[0] = m[0];
            d[1] = m[0];
            return d;
        }
        for (int k = 1; k < n - 1; k++) {
            if (Math.signum(m[k - 1]) != Math.signum(m[k]) || m[k - 1] == 0 || m[k] == 0) {
                d[k] = 0;
            } else {
                double w1 = 2 * h[k] + h[k - 1], w2 = h[k] + 2 * h[k - 1];
                d[k] = 1.0 / ((w1 / m[k - 1] + w2 / m[k]) / (w1 + w2));
            }
        }
        d[0] = edge(h[0], h[1], m[0], m[1]);
        d[n - 1] = edge(h[n - 2], h[n - 3], m[n - 2], m[n - 3]);
        return d;
    }

    /** One-sided three-point end derivative, limited so the end segment keeps the data's shape. */
    private static double edge(double h0, double h1, double m0, double m1) {
        double e = ((2 * h0 + h1) * m0 - h0 * m1) / (h0 + h1);
        if (Math.signum(e) != Math.signum(m0)) {
            return 0;
        }
        if (Math.signum(m0) != Math.signum(m1) && Math.abs(e) > 3 * Math.abs(m0)) {
            return 3 * m0;
        }
        return e;
    }

    /** Smallest x of the data. */
    public double min() {
        return x[0];
    }

    /** Largest x of the data. */
    public double max() {
        return x[x.length - 1];
    }

    /** The derivatives at the data points (a copy). */
    public double[] slopes() {
        return d.clone();
    }

    /** The interpolant at {@code t}; exactly {@code y_k} at {@code t = x_k}. */
    public double value(double t) {
        requireInside(t);
        int k = segment(t);
        if (t == x[k]) {
            return y[k];
        }
        if (t == x[k + 1]) {
            return y[k + 1];
        }
        double s = t - x[k];
        double[] c = coefficients(k);
        return y[k] + s * (d[k] + s * (c[0] + s * c[1]));
    }

    /** {@code ∫_a^b p(t) dt}, integrated exactly segment by segment; {@code a ≤ b} inside the data's range. */
    public double integral(double a, double b) {
        requireInside(a);
        requireInside(b);
        if (!(a <= b)) {
            throw new IllegalArgumentException("integral bounds must satisfy a <= b, got " + a + " > " + b);
        }
        double sum = 0;
        for (int k = segment(a); k < x.length - 1 && x[k] < b; k++) {
            double lo = Math.max(a, x[k]) - x[k], hi = Math.min(b, x[k + 1]) - x[k];
            sum += antiderivative(k, hi) - antiderivative(k, lo);
        }
        return sum;
    }

    /** {@code ∫_0^s p_k}: {@code y_k s + d_k s²/2 + c2 s³/3 + c3 s⁴/4} on segment k. */
    private double antiderivative(int k, double s) {
        double[] c = coefficients(k);
        return s * (y[k] + s * (d[k] / 2 + s * (c[0] / 3 + s * c[1] / 4)));
    }

    /** {c2, c3} of {@code p_k(s) = y_k + d_k s + c2 s² + c3 s³}, {@code s = t − x_k}. */
    private double[] coefficients(int k) {
        double h = x[k + 1] - x[k], m = (y[k + 1] - y[k]) / h;
        return new double[] {(3 * m - 2 * d[k] - d[k + 1]) / h, (d[k] + d[k + 1] - 2 * m) / (h * h)};
    }

    /** Index k of the segment [x_k, x_{k+1}] holding t (the last one for t = x_{n−1}). */
    private int segment(double t) {
        int i = Arrays.binarySearch(x, t);
        int k = i >= 0 ? i : -i - 2;
        return Math.max(0, Math.min(x.length - 2, k));
    }

    private void requireInside(double t) {
        if (!(t >= x[0] && t <= x[x.length - 1])) {
            throw new IllegalArgumentException("PCHIP does not extrapolate: " + t + " is outside ["
                    + x[0] + ", " + x[x.length - 1] + "]");
        }
    }
}
