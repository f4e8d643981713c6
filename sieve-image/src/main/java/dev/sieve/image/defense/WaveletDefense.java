package dev.sieve.image.defense;

import dev.sieve.image.Planar;
import dev.sieve.image.wavelet.Shrinkage;
import dev.sieve.image.wavelet.ThresholdMode;
import dev.sieve.image.wavelet.Wavelet;
import dev.sieve.image.wavelet.WaveletDenoiser;
import dev.sieve.image.wavelet.WaveletDenoiser.Options;
import java.util.Locale;

/**
 * Pipeline stage {@code wavelet}: {@link WaveletDenoiser} (thesis §4.7–4.8). Parameters (defaults =
 * thesis): {@code method=bayes|visu|sure|hard} ({@code hard} = BayesShrink thresholds applied by
 * hard thresholding, Table 4.8's "Hard"), {@code mode=soft|hard} (thresholding for any method),
 * {@code sigma=0.04} (or {@code auto} to estimate it), {@code wavelet=db1}, {@code levels=0}
 * (scikit-image's default), {@code ycbcr=true}. The spec is printed as {@code method, mode, …}
 * with {@code method=hard} written {@code method=bayes,mode=hard}.
 */
public final class WaveletDefense implements Defense {
    private final WaveletDenoiser denoiser;

    public WaveletDefense(Options options) {
        this.denoiser = new WaveletDenoiser(options);
    }

    static WaveletDefense fromParams(DefenseParams p) {
        p.allow("method", "mode", "sigma", "wavelet", "levels", "ycbcr");
        String sigmaText = p.string("sigma", "0.04");
        double sigma = sigmaText.equalsIgnoreCase("auto") ? Double.NaN : p.number("sigma", 0.04);
        try {
            Options o = options(p.string("method", "bayes"), sigma, p.string("wavelet", "db1"),
                    p.integer("levels", 0), p.bool("ycbcr", true));
            if (p.has("mode")) {
                ThresholdMode mode = PixelDeflectionDefense.choice(p, "mode", ThresholdMode.class, ThresholdMode.SOFT);
                if (o.mode() == ThresholdMode.HARD && mode == ThresholdMode.SOFT) {
                    throw new IllegalArgumentException("method=hard contradicts mode=soft");
                }
                o = new Options(o.wavelet(), o.shrinkage(), mode, o.sigma(), o.levels(), o.ycbcr());
            }
            return new WaveletDefense(o);
        } catch (IllegalArgumentException e) {
            throw p.invalid(e);
        }
    }

    /** Options from the command-line vocabulary shared by {@code sieve denoise} and this stage. */
    public static Options options(String method, double sigma, String wavelet, int levels, boolean ycbcr) {
        String m = method.toLowerCase(Locale.ROOT).strip();
        boolean hard = m.equals("hard");
        return new Options(Wavelet.named(wavelet), Shrinkage.named(hard ? "bayes" : m),
                hard ? ThresholdMode.HARD : ThresholdMode.SOFT, sigma, levels, ycbcr);
    }

    public WaveletDenoiser denoiser() {
        return denoiser;
    }

    @Override
    public Planar apply(Planar img, long seed) {
        return denoiser.denoise(img);
    }

    @Override
    public boolean randomized() {
        return false;
    }

    @Override
    public String spec() {
        Options o = denoiser.options();
        return "wavelet:method=" + o.shrinkage().name() + ",mode=" + o.mode().name().toLowerCase(Locale.ROOT)
                + ",sigma=" + (Double.isNaN(o.sigma()) ? "auto" : o.sigma())
                + ",wavelet=" + o.wavelet().name() + ",levels=" + o.levels() + ",ycbcr=" + o.ycbcr();
    }
}
