package dev.sieve.image.saliency;

import java.util.Arrays;
import java.util.Locale;

/**
 * Whether a saliency map can be trusted to guide an encoder, so that a semantic JPEG is never worse
 * than a plain one because of a broken map. The map is pooled to at most 64 × 64 (area average)
 * and refused when it is
 * <ul>
 *   <li><b>empty</b>: its peak is below {@link #MIN_PEAK};</li>
 *   <li><b>a point</b>: the share of the image at or above half the peak is below {@link #MIN_PEAK_AREA}
 *       (a lone hot spot, which would lift a handful of blocks at the whole image's expense);</li>
 *   <li><b>flat</b>: its contrast, (99th − 1st percentile) / peak, is below {@link #MIN_CONTRAST};</li>
 *   <li><b>everything</b>: that share is above {@link #MAX_PEAK_AREA} (no subject singled out).</li>
 * </ul>
 */
public final class MapTrust {
    /** Smallest peak value of a usable map. */
    public static final double MIN_PEAK = 1e-3;
    /** Smallest (p99 − p1) / peak. */
    public static final double MIN_CONTRAST = 0.1;
    /** Smallest share of the image at or above half the peak. */
    public static final double MIN_PEAK_AREA = 0.003;
    /** Largest share of the image at or above half the peak. */
    public static final double MAX_PEAK_AREA = 0.95;

    private static final int POOL = 64;

    private MapTrust() {
    }

    /**
     * The verdict on one map.
     *
     * @param trusted  whether the map may guide an encoder
     * @param reason   why not, one line (empty when trusted)
     * @param peak     the pooled map's maximum, [0, 1]
     * @param contrast (p99 − p1) / peak, [0, 1]
     * @param peakArea share of the image at or above half the peak, [0, 1]
     */
    public record Verdict(boolean trusted, String reason, double peak, double contrast, double peakArea) {
    }

    /** Checks {@code map}. */
    public static Verdict check(SaliencyMap map) {
        int w = Math.min(POOL, map.width()), h = Math.min(POOL, map.height());
        float[] v = map.resizedTo(w, h).values().clone();
        Arrays.sort(v);
        double peak = v[v.length - 1];
        if (peak < MIN_PEAK) {
            return new Verdict(false, "empty: the map is zero everywhere", peak, 0, 0);
        }
        double contrast = (v[(int) Math.floor(0.99 * (v.length - 1))] - v[(int) Math.ceil(0.01 * (v.length - 1))]) / peak;
        int firstHalf = Arrays.binarySearch(v, (float) (peak / 2));
        if (firstHalf < 0) {
            firstHalf = -firstHalf - 1;
        }
        while (firstHalf > 0 && v[firstHalf - 1] >= peak / 2) {
            firstHalf--;
        }
        double area = (double) (v.length - firstHalf) / v.length;
        String reason = "";
        if (area < MIN_PEAK_AREA) {
            reason = String.format(Locale.ROOT, "a point: %.2f %% of the image reaches half its peak (< %.1f %%)", 100 * area, 100 * MIN_PEAK_AREA);
        } else if (contrast < MIN_CONTRAST) {
            reason = String.format(Locale.ROOT, "flat: its values span %.1f %% of its peak (< %.0f %%)", 100 * contrast, 100 * MIN_CONTRAST);
        } else if (area > MAX_PEAK_AREA) {
            reason = String.format(Locale.ROOT, "everything: %.1f %% of the image reaches half its peak (> %.0f %%)", 100 * area, 100 * MAX_PEAK_AREA);
        }
        return new Verdict(reason.isEmpty(), reason, peak, contrast, area);
    }
}
