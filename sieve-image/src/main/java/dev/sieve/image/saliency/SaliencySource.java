package dev.sieve.image.saliency;

import dev.sieve.image.Planar;
import java.util.Objects;
import java.util.function.Function;

/**
 * Anything that turns a photo into a saliency map: a network (MS-ROI, a detector), a model-free
 * method (spectral residual, the centre prior) or a fusion of others ({@link SaliencyFusion}). The
 * name is what reports print ({@code msroi}, {@code spectral}, {@code objects}, …). Implementations
 * that share a model must be safe to call from several threads.
 */
public interface SaliencySource {
    /** Short name for reports and specs. */
    String name();

    /** The map of {@code rgb} (1 or 3 channels, [0, 255]); any size, stretched over the image. */
    SaliencyMap map(Planar rgb);

    /**
     * The map of {@code rgb} given its SLIC segmentation {@code seg} at a working size (a fusion computes it
     * once for all its sources and the refinement); sources that do not use superpixels ignore it.
     */
    default SaliencyMap map(Planar rgb, Slic.Segmentation seg) {
        return map(rgb);
    }

    /**
     * Whether the map ignores the image's content (a prior such as the centre bias): a fusion of priors
     * alone is not evidence of a subject ({@link SaliencyFusion}).
     */
    default boolean prior() {
        return false;
    }

    /** A source named {@code name} computed by {@code f}. */
    static SaliencySource of(String name, Function<Planar, SaliencyMap> f) {
        return of(name, false, f);
    }

    /** A source named {@code name} computed by {@code f}, a prior if {@code prior}. */
    static SaliencySource of(String name, boolean prior, Function<Planar, SaliencyMap> f) {
        Objects.requireNonNull(name);
        Objects.requireNonNull(f);
        return new SaliencySource() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean prior() {
                return prior;
            }

            @Override
            public SaliencyMap map(Planar rgb) {
                return f.apply(rgb);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    /** The raw spectral residual ({@link SpectralResidual}, min–max normalized, not rank-normalized). */
    static SaliencySource spectral() {
        return of("spectral", img -> new SpectralResidual().compute(img));
    }

    /** The centre prior ({@link CenterPrior}). */
    static SaliencySource center() {
        return of("center", true, img -> CenterPrior.of(img.width(), img.height()));
    }
}
