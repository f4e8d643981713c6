package dev.sieve.image.wavelet;

import dev.sieve.image.defense.DefenseParams;
import java.util.Locale;

/**
 * A rule that picks the threshold of one wavelet detail sub-band (thesis §4.7.2). Implementations:
 * {@link BayesShrink} (eq. 4.6, the thesis' choice), {@link VisuShrink} and {@link SureShrink}.
 */
public interface Shrinkage {
    /**
     * The threshold for detail sub-band {@code band}, given the noise standard deviation
     * {@code sigma} (in the band's units) and {@code signalSize}, the number of samples of the
     * signal that was decomposed (one image channel).
     */
    double threshold(double[] band, double sigma, int signalSize);

    /** Short name as used on the command line: {@code bayes}, {@code visu}, {@code sure}. */
    String name();

    /** The rule called {@code name}: {@code bayes}, {@code visu} or {@code sure} (case-insensitive). */
    static Shrinkage named(String name) {
        switch (name.toLowerCase(Locale.ROOT).strip()) {
            case "bayes":
            case "bayesshrink":
                return new BayesShrink();
            case "visu":
            case "visushrink":
                return new VisuShrink();
            case "sure":
            case "sureshrink":
                return new SureShrink();
            default:
                throw new IllegalArgumentException("unknown shrinkage " + DefenseParams.quote(name) + "; choose bayes, visu or sure");
        }
    }
}
