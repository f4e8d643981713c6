package dev.sieve.adversarial.eval;

import dev.sieve.image.Planar;
import dev.sieve.image.metrics.Channels;
import dev.sieve.image.metrics.Psnr;
import dev.sieve.image.metrics.Ssim;

/**
 * How far a defended image lies from the clean one (thesis Table 3.1 columns), on 8-bit samples
 * [0, 255]: MSE pooled over the R, G, B planes (a grayscale image counts as its one plane),
 * {@code PSNR = 10 log10(255² / MSE)} and mean SSIM ({@link Ssim}, the three planes' values
 * averaged, as scikit-image's {@code structural_similarity(..., channel_axis=-1)}). All NaN when the
 * sizes differ (e.g. after random resize + pad); SSIM NaN below 11×11 pixels.
 */
public record ImageQuality(double mse, double ssim, double psnr) {
    static final ImageQuality UNDEFINED = new ImageQuality(Double.NaN, Double.NaN, Double.NaN);

    /** Distance of {@code defended} from {@code clean}. */
    public static ImageQuality of(Planar clean, Planar defended) {
        if (clean.width() != defended.width() || clean.height() != defended.height() || clean.channels() != defended.channels()) {
            return UNDEFINED;
        }
        double sum = 0;
        long n = 0;
        for (int c = 0; c < clean.channels(); c++) {
            float[] a = clean.plane(c), b = defended.plane(c);
            for (int i = 0; i < a.length; i++) {
                double d = (double) a[i] - b[i];
                sum += d * d;
            }
            n += a.length;
        }
        double mse = sum / n;
        double ssim = clean.width() >= 11 && clean.height() >= 11 && (clean.channels() == 1 || clean.channels() == 3)
                ? Ssim.of(clean, defended, Channels.RGB) : Double.NaN;
        return new ImageQuality(mse, ssim, Psnr.fromMse(mse));
    }

    /**
     * Means over images: MSE and SSIM over every measured image, PSNR over those with MSE &gt; 0
     * (an unchanged image has infinite PSNR); NaN where there is nothing to average.
     */
    static final class Mean {
        private double mse, ssim, psnr;
        private int nMse, nSsim, nPsnr;

        void add(ImageQuality q) {
            if (q == null) {
                return;
            }
            if (Double.isFinite(q.mse())) {
                mse += q.mse();
                nMse++;
            }
            if (Double.isFinite(q.ssim())) {
                ssim += q.ssim();
                nSsim++;
            }
            if (Double.isFinite(q.psnr())) {
                psnr += q.psnr();
                nPsnr++;
            }
        }

        double mse() {
            return nMse == 0 ? Double.NaN : mse / nMse;
        }

        double ssim() {
            return nSsim == 0 ? Double.NaN : ssim / nSsim;
        }

        double psnr() {
            return nPsnr == 0 ? Double.NaN : psnr / nPsnr;
        }
    }
}
