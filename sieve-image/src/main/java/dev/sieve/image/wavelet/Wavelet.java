package dev.sieve.image.wavelet;

import dev.sieve.image.defense.DefenseParams;
import java.util.Locale;

/**
 * An orthogonal Daubechies-family wavelet: its four filters, exactly as PyWavelets 1.1.1 defines
 * them ({@code pywt.Wavelet(name).dec_lo} etc., coefficients copied to full double precision).
 *
 * <p>Only the decomposition low-pass is stored; the others follow PyWavelets' (and every
 * orthogonal wavelet's) quadrature-mirror relations: {@code rec_lo = reverse(dec_lo)},
 * {@code dec_hi[i] = (-1)^(i+1) rec_lo[i]}, {@code rec_hi = reverse(dec_hi)}. A test checks all
 * four against PyWavelets.
 */
public final class Wavelet {
    /** Names accepted by {@link #named}: {@code haar} is {@code db1}. */
    public static final String NAMES = "haar, db1, db2, db4, sym2, sym3, sym4";

    private final String name;
    private final double[] decLo;
    private final double[] decHi;
    private final double[] recLo;
    private final double[] recHi;

    private Wavelet(String name, double... decLo) {
        int f = decLo.length;
        this.name = name;
        this.decLo = decLo;
        this.recLo = new double[f];
        this.decHi = new double[f];
        this.recHi = new double[f];
        for (int i = 0; i < f; i++) {
            recLo[i] = decLo[f - 1 - i];
        }
        for (int i = 0; i < f; i++) {
            decHi[i] = (i % 2 == 0 ? -1 : 1) * recLo[i];
        }
        for (int i = 0; i < f; i++) {
            recHi[i] = decHi[f - 1 - i];
        }
    }

    /** The wavelet called {@code name} (case-insensitive), one of {@link #NAMES}. */
    public static Wavelet named(String name) {
        String n = name.toLowerCase(Locale.ROOT).strip();
        switch (n) {
            case "haar":
            case "db1":
                return new Wavelet(n, 0.7071067811865476, 0.7071067811865476);
            case "db2":
                return new Wavelet(n, -0.12940952255126037, 0.2241438680420134, 0.8365163037378079,
                        0.48296291314453416);
            case "db4":
                return new Wavelet(n, -0.010597401785069032, 0.0328830116668852, 0.030841381835560764,
                        -0.18703481171909309, -0.027983769416859854, 0.6308807679298589, 0.7148465705529157,
                        0.2303778133088965);
            case "sym2":
                return new Wavelet(n, -0.12940952255092145, 0.22414386804185735, 0.836516303737469,
                        0.48296291314469025);
            case "sym3":
                return new Wavelet(n, 0.035226291882100656, -0.08544127388224149, -0.13501102001039084,
                        0.4598775021193313, 0.8068915093133388, 0.3326705529509569);
            case "sym4":
                return new Wavelet(n, -0.07576571478927333, -0.02963552764599851, 0.49761866763201545,
                        0.8037387518059161, 0.29785779560527736, -0.09921954357684722, -0.012603967262037833,
                        0.0322231006040427);
            default:
                throw new IllegalArgumentException("unknown wavelet " + DefenseParams.quote(name) + "; choose one of " + NAMES);
        }
    }

    public String name() {
        return name;
    }

    /** Filter length F. */
    public int length() {
        return decLo.length;
    }

    /** Decomposition low-pass filter (a copy). */
    public double[] decLo() {
        return decLo.clone();
    }

    /** Decomposition high-pass filter (a copy). */
    public double[] decHi() {
        return decHi.clone();
    }

    /** Reconstruction low-pass filter (a copy). */
    public double[] recLo() {
        return recLo.clone();
    }

    /** Reconstruction high-pass filter (a copy). */
    public double[] recHi() {
        return recHi.clone();
    }

    double[] decLoView() {
        return decLo;
    }

    double[] decHiView() {
        return decHi;
    }

    double[] recLoView() {
        return recLo;
    }

    double[] recHiView() {
        return recHi;
    }

    /**
     * PyWavelets' {@code dwt_max_level(n, F)}: {@code floor(log2(n / (F − 1)))}, 0 when
     * {@code n < F − 1}, the deepest level at which a coefficient is still free of edge effects.
     */
    public int maxLevel(int n) {
        int f1 = length() - 1;
        if (n < f1) {
            return 0;
        }
        return 31 - Integer.numberOfLeadingZeros(n / f1);
    }

    /** PyWavelets' {@code dwtn_max_level} for a {@code width × height} array: the smaller of the two axes' levels. */
    public int maxLevel(int width, int height) {
        return Math.min(maxLevel(width), maxLevel(height));
    }

    /** Length of one level's coefficients for {@code n} samples in {@code symmetric} mode: {@code floor((n + F − 1) / 2)}. */
    public int coefficientLength(int n) {
        return (n + length() - 1) / 2;
    }

    @Override
    public String toString() {
        return name;
    }
}
