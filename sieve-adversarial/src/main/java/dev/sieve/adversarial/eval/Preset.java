package dev.sieve.adversarial.eval;

import dev.sieve.image.defense.DefenseParams;
import java.util.List;
import java.util.Locale;

/**
 * Ablation layouts of the thesis' tables, as attack and defense lists for {@link DefenseEvaluation}
 * (defense stages as in {@code sieve defend}, {@code +} chaining stages). {@link #missing} names the
 * table entries Sieve has no defense for.
 */
public enum Preset {
    /**
     * Table 3.1: JPEG, semantic quantization with the MS-ROI map and with Aug-MSROI, against the
     * six attacks of §3.3 at the thesis' budget (every attack at RMSE 0.02 on [0, 1] samples,
     * {@code l2=0.02}: ε-attacks use it, the minimal ones are projected into it); single run;
     * accuracy plus MSE, SSIM and PSNR of the defended adversarial image against the clean image.
     * JPEG at q = 50, and both semantic rows at the file size of that JPEG ({@code match-quality=50}),
     * so the three rows spend the same bytes (§3.8 kept the MS-ROI image's quality close to the JPEG's;
     * the thesis chose its JPEG quality for the best accuracy on ImageNet and does not state it).
     */
    TABLE_3_1("fgsm,ga,igsm,deepfool,jsma,lbfgs",
            "jpeg:q=50;msroi-jpeg:mode=mosaic,match-quality=50;aug-msroi-jpeg:mode=mosaic,match-quality=50", 1, "", "l2=0.02", true),
    /** Table 4.1: the six attacks against PD + wavelet (σ = 0.04, window 10, 100 deflections), single and Ens-10. */
    TABLE_4_1("fgsm,igsm,deepfool,jsma,lbfgs,cw", "none;deflect:k=100,w=10+wavelet:method=bayes,sigma=0.04", 10, "", null, false),
    /**
     * Table 4.6: destruction rates of feature squeezing, random resize + pad, TVM and pixel deflection
     * (alone, + wavelet, + R-CAM of the defended classifier, + R-CAM + wavelet: the thesis' PD + R-CAM + DWT),
     * image quilting and TVM + quilting (Guo et al. 2018).
     */
    TABLE_4_6("fgsm,igsm,deepfool,cw",
            "bitdepth:bits=2;bitdepth:bits=5;median:size=2;median:size=3;nlmeans:search=11,patch=3,h=2;nlmeans:search=13,patch=3,h=4;"
                    + "bitdepth:bits=5+median:size=2+nlmeans:search=13,patch=3,h=4;resizepad;tvm;deflect:k=100,w=10;"
                    + "deflect:k=100,w=10+wavelet:method=bayes,sigma=0.04;deflect:k=100,w=10,map=rcam;"
                    + "deflect:k=100,w=10,map=rcam+wavelet:method=bayes,sigma=0.04;quilting;tvm+quilting",
            1, "pixel padding and pixel resizing alone, cropping + TVM + quilting, PD + R-CAM + DCT",
            null, false),
    /** Table 4.7: JPEG, wavelet denoising (WD), pixel deflection (PD) and their combinations. */
    TABLE_4_7("fgsm,igsm,deepfool,jsma,lbfgs,cw",
            "jpeg:q=75;wavelet;deflect;deflect+jpeg:q=75;deflect+wavelet+jpeg:q=75;deflect+wavelet", 10, "", null, false),
    /** Table 4.8: thresholding after pixel deflection: hard, VisuShrink, SureShrink, BayesShrink. */
    TABLE_4_8("fgsm,igsm,deepfool,jsma,lbfgs,cw",
            "deflect+wavelet:method=hard;deflect+wavelet:method=visu;deflect+wavelet:method=sure;deflect+wavelet:method=bayes", 10, "", null, false),
    /** Table 4.9: 10, 100 and 1 000 deflections (window 10) before wavelet denoising. */
    TABLE_4_9("fgsm,igsm,deepfool,jsma,lbfgs,cw",
            "none;deflect:k=10,w=10+wavelet;deflect:k=100,w=10+wavelet;deflect:k=1000,w=10+wavelet", 1, "", null, false),
    /** Table 4.10: windows 5, 10, 50, 100 (100 deflections) before wavelet denoising. */
    TABLE_4_10("fgsm,igsm,deepfool,jsma,lbfgs,cw",
            "none;deflect:k=100,w=5+wavelet;deflect:k=100,w=10+wavelet;deflect:k=100,w=50+wavelet;deflect:k=100,w=100+wavelet", 1, "", null, false),
    /** Table 4.11: sampling, replacement and denoiser variants, accuracy averaged over the six attacks. */
    TABLE_4_11("fgsm,igsm,deepfool,jsma,lbfgs,cw", table411(), 1, "", null, false);

    private final String attacks;
    private final String defenses;
    private final int ensemble;
    private final String missing;
    private final String budget;
    private final boolean imageQuality;

    Preset(String attacks, String defenses, int ensemble, String missing, String budget, boolean imageQuality) {
        this.attacks = attacks;
        this.defenses = defenses;
        this.ensemble = ensemble;
        this.missing = missing;
        this.budget = budget;
        this.imageQuality = imageQuality;
    }

    private static String table411() {
        StringBuilder s = new StringBuilder();
        for (String sampling : List.of("uniform", "gaussian")) {
            for (int w : new int[] {5, 10, 50, 100}) {
                s.append("deflect:k=100,w=").append(w).append(",sampling=").append(sampling).append("+wavelet;");
            }
        }
        for (String replace : List.of("min", "max", "mean")) {
            for (int w : new int[] {5, 10, 50, 100}) {
                s.append("deflect:k=100,w=").append(w).append(",replace=").append(replace).append("+wavelet;");
            }
        }
        return s.append("deflect:k=100,w=10+bilateral;deflect:k=100,w=10+anisotropic;deflect:k=100,w=10+tvm;deflect:k=100,w=10+deconv;"
                + "deflect:k=100,w=10+wavelet").toString();
    }

    public String attacks() {
        return attacks;
    }

    public String defenses() {
        return defenses;
    }

    public int ensemble() {
        return ensemble;
    }

    /** The run's budget ({@code l2=R}, {@code linf=E}) when the table fixes one, else null (minimal perturbations). */
    public String budget() {
        return budget;
    }

    /** Whether the table reports MSE, SSIM and PSNR of defended against clean images (Table 3.1). */
    public boolean imageQuality() {
        return imageQuality;
    }

    /** Table entries without a Sieve defense, or the empty string. */
    public String missing() {
        return missing;
    }

    /** The option value, e.g. {@code table4.1}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace("table_", "table").replace('_', '.');
    }

    /** {@code table3.1}, {@code table4.1} … {@code table4.11} (also {@code 4.1}). */
    public static Preset parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (Preset p : values()) {
            if (p.key().equals(t) || p.key().equals("table" + t)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown preset " + DefenseParams.quote(text) + " (table3.1, table4.1, table4.6, table4.7, table4.8, table4.9, table4.10, table4.11)");
    }
}
