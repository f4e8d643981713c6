package dev.sieve.jpeg.eval;

/**
 * The quality metrics of a {@link RateDistortionEvaluation}, as computed by the classes of
 * {@code dev.sieve.image.metrics} (see there for definitions and channel conventions).
 */
public enum RdMetric {
    /** {@code 10 log10(255² / MSE)} over the whole image, dB. */
    PSNR("psnr", "PSNR", "dB"),
    /** PSNR over the salient region (map ≥ threshold), dB; undefined without a map or with an empty region. */
    PSNR_S("psnr_s", "PSNR-S", "dB"),
    /** Mean SSIM (11×11 Gaussian window, σ 1.5), unitless; undefined under 11 px a side. */
    SSIM("ssim", "SSIM", ""),
    /** 5-scale MS-SSIM, unitless; undefined under 161 px a side. */
    MS_SSIM("ms_ssim", "MS-SSIM", "");

    private final String key;
    private final String label;
    private final String unit;

    RdMetric(String key, String label, String unit) {
        this.key = key;
        this.label = label;
        this.unit = unit;
    }

    /** The name in reports ({@code psnr_s}, …). */
    public String key() {
        return key;
    }

    /** The name for people ({@code PSNR-S}, …). */
    public String label() {
        return label;
    }

    /** {@code dB} or empty for unitless metrics. */
    public String unit() {
        return unit;
    }
}
