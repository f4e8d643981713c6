package dev.sieve.adversarial.eval;

/**
 * The Wilson score interval of a binomial proportion (Wilson 1927): the 95 % confidence interval of
 * an accuracy measured on {@code n} images, {@code (p + z²/2n ± z·sqrt(p(1−p)/n + z²/4n²)) / (1 + z²/n)}
 * with z = 1.959964; unlike the normal approximation it stays inside [0, 1] and is sound at 0 and n.
 */
public record WilsonInterval(double low, double high) {
    private static final double Z = 1.959963984540054;

    /** The interval of {@code k} successes in {@code n} trials; NaN bounds when {@code n} is 0. */
    public static WilsonInterval of(int k, int n) {
        if (k < 0 || k > n) {
            throw new IllegalArgumentException("need 0 ≤ k ≤ n, got k=" + k + ", n=" + n);
        }
        if (n == 0) {
            return new WilsonInterval(Double.NaN, Double.NaN);
        }
        double p = (double) k / n, z2 = Z * Z, d = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / d;
        double half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / d;
        return new WilsonInterval(Math.max(0, centre - half), Math.min(1, centre + half));
    }

    /** The interval of a measured fraction {@code p} of {@code n} trials (k = round(p·n)). */
    public static WilsonInterval ofFraction(double p, int n) {
        return Double.isNaN(p) ? new WilsonInterval(Double.NaN, Double.NaN) : of((int) Math.round(p * n), n);
    }
}
