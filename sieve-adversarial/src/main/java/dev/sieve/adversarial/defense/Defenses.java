package dev.sieve.adversarial.defense;

import dev.sieve.image.defense.DefenseRegistry;
import dev.sieve.jpeg.JpegDefense;

/** The full defense registry of Sieve: {@link JpegDefense#registry()} plus the semantic quantization stages of thesis ch. 3. */
public final class Defenses {
    /** The thesis' method (§4.8, Table 4.1): pixel deflection, then BayesShrink wavelet denoising. */
    public static final String THESIS = "deflect:k=100,w=10|wavelet:method=bayes,sigma=0.04";

    private Defenses() {
    }

    /**
     * {@code deflect}, {@code wavelet}, {@code bitdepth}, {@code median}, {@code nlmeans},
     * {@code resizepad}, {@code tvm}, {@code jpeg}, {@code msroi-jpeg} and {@code aug-msroi-jpeg}
     * ({@link SemanticQuantization}).
     */
    public static DefenseRegistry registry() {
        return JpegDefense.registry()
                .with(SemanticQuantization.MSROI, p -> SemanticQuantization.fromParams(p, false))
                .with(SemanticQuantization.AUG_MSROI, p -> SemanticQuantization.fromParams(p, true));
    }
}
