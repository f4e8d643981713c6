package dev.sieve.image.metrics;

import dev.sieve.image.Planar;
import dev.sieve.image.saliency.SaliencyMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The seven quality metrics of the thesis' Table 2.1 for one reference/distorted pair.
 * PSNR-family values are in dB and {@code +∞} for identical images; a metric that is undefined
 * for the pair is {@code NaN}: PSNR-S without a map or with an empty salient region, PSNR-HVS(-M)
 * on images under 8 px a side, SSIM under 11 px, MS-SSIM under {@value MsSsim#MIN_SIZE} px, VIFp
 * under {@value Vifp#MIN_SIZE} px or with a flat reference.
 */
public record QualityReport(
        double psnr, double psnrS, double psnrHvs, double psnrHvsM, double ssim, double msSsim, double vifp) {

    /**
     * Computes all seven metrics.
     *
     * @param map salient-region map for PSNR-S, or null to leave PSNR-S undefined
     * @param threshold saliency at or above which a pixel is in the salient region
     */
    public static QualityReport of(Planar reference, Planar distorted, SaliencyMap map, double threshold,
            Channels channels) {
        Channels.requireSameSize(reference, distorted);
        int w = reference.width(), h = reference.height();
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("saliency threshold must be in [0, 1], got " + threshold);
        }
        float[][] r = channels.planes(reference), d = channels.planes(distorted);
        boolean blocks = w >= HvsBlocks.N && h >= HvsBlocks.N;
        HvsBlocks.Sums hvs = blocks ? PsnrHvs.sums(r, d, w, h, PsnrHvs.DEFAULT_STEP, true) : null;
        boolean window = w >= Ssim.WINDOW.length && h >= Ssim.WINDOW.length;
        return new QualityReport(
                Psnr.of(r, d),
                map == null ? Double.NaN : PsnrS.of(r, d, map.resizedTo(w, h).values(), threshold),
                blocks ? Psnr.fromMse(PsnrHvs.meanSquare(hvs, false)) : Double.NaN,
                blocks ? Psnr.fromMse(PsnrHvs.meanSquare(hvs, true)) : Double.NaN,
                window ? Ssim.of(r, d, w, h) : Double.NaN,
                MsSsim.fits(w, h) ? MsSsim.of(r, d, w, h) : Double.NaN,
                Vifp.fits(w, h) ? Vifp.of(r, d, w, h) : Double.NaN);
    }

    /** The metric names in Table 2.1 order, as used in reports ({@code psnr_s}, ...). */
    public static final String[] KEYS = {"psnr_s", "psnr", "psnr_hvs", "psnr_hvsm", "ssim", "ms_ssim", "vifp"};

    /** The values in the order of {@link #KEYS}. */
    public double[] values() {
        return new double[] {psnrS, psnr, psnrHvs, psnrHvsM, ssim, msSsim, vifp};
    }

    /**
     * The values under their report keys ({@link #KEYS} order), an undefined metric ({@code NaN}) as null; an
     * infinite PSNR stays a double.
     */
    public Map<String, Object> fields() {
        double[] values = values();
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            m.put(KEYS[i], Double.isNaN(values[i]) ? null : values[i]);
        }
        return m;
    }
}
