package dev.sieve.image.wavelet;

/**
 * Robust noise standard deviation from wavelet details (Donoho & Johnstone 1994 §4.2), as
 * scikit-image's {@code _sigma_est_dwt}: {@code median(|d|) / Φ⁻¹(0.75)} over the non-zero
 * coefficients of the finest diagonal sub-band ({@code dd}); {@code Φ⁻¹(0.75) ≈ 0.6745}.
 */
public final class NoiseEstimate {
    /** {@code scipy.stats.norm.ppf(0.75)}. */
    public static final double NORMAL_Q75 = 0.6744897501960817;

    private NoiseEstimate() {
    }

    /**
     * σ estimated from {@code diagonal}; 0 when every coefficient is zero (scikit-image returns NaN
     * there and its output becomes NaN; Sieve leaves such a channel unchanged instead).
     */
    public static double fromDiagonal(double[] diagonal) {
        double[] a = new double[diagonal.length];
        int n = 0;
        for (double v : diagonal) {
            if (v != 0) {
                a[n++] = Math.abs(v);
            }
        }
        if (n == 0) {
            return 0;
        }
        return median(a, n) / NORMAL_Q75;
    }

    /**
     * scikit-image's {@code estimate_sigma} of one channel: the estimate above on the {@code dd}
     * band of a one-level {@code db2} transform of the {@code width × height} array {@code x}.
     */
    public static double estimateSigma(double[] x, int width, int height) {
        return fromDiagonal(Dwt2.forward(x, width, height, Wavelet.named("db2"), 1).finest().dd());
    }

    /** Median of the first {@code n} values of {@code a} (reordered), mean of the middle two when {@code n} is even. */
    static double median(double[] a, int n) {
        int k = n / 2;
        double hi = select(a, 0, n - 1, k);
        if (n % 2 == 1) {
            return hi;
        }
        double lo = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            lo = Math.max(lo, a[i]);
        }
        return (lo + hi) / 2;
    }

    /** Quickselect: puts the k-th smallest of {@code a[lo..hi]} at {@code a[k]}, smaller ones before it. */
    private static double select(double[] a, int lo, int hi, int k) {
        while (hi > lo) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < a[lo]) {
                swap(a, mid, lo);
            }
            if (a[hi] < a[lo]) {
                swap(a, hi, lo);
            }
            if (a[hi] < a[mid]) {
                swap(a, hi, mid);
            }
            double pivot = a[mid];
            int i = lo, j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(a, i, j);
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                break;
            }
        }
        return a[k];
    }

    private static void swap(double[] a, int i, int j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
