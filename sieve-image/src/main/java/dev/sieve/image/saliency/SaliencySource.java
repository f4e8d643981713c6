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
     * once for all its sources and the refinement), at any size (the fusion stretches it to the segmentation's);
     * sources that can compute their map at the segmentation's size directly do so, which is cheaper than at
     * the image's size. Sources that do not use superpixels ignore the segmentation itself.
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

    /** A map of an image computed directly at a requested size. */
    @FunctionalInterface
    interface Sized {
        /** The map of {@code rgb} at {@code w × h} (stretched over the whole image). */
        SaliencyMap map(Planar rgb, int w, int h);
    }

    /**
     * A source named {@code name} (a prior if {@code prior}) computed by {@code f} at the image's size, or at
     * the segmentation's size inside a fusion.
     */
    static SaliencySource sized(String name, boolean prior, Sized f) {
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
                return f.map(rgb, rgb.width(), rgb.height());
            }

            @Override
            public SaliencyMap map(Planar rgb, Slic.Segmentation seg) {
                return f.map(rgb, seg.width(), seg.height());
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    /** A source named {@code name} computed by {@code f}. */
    static SaliencySource of(String name, Function<Planar, SaliencyMap> f) {
        return of(name, false, f);
    }

    /** A source named {@code name} computed by {@code f} (at the image's size), a prior if {@code prior}. */
    static SaliencySource of(String name, boolean prior, Function<Planar, SaliencyMap> f) {
        Objects.requireNonNull(f);
        return sized(name, prior, (img, w, h) -> f.apply(img));
    }

    /** The raw spectral residual ({@link SpectralResidual}, min–max normalized, not rank-normalized). */
    static SaliencySource spectral() {
        return sized("spectral", false, (img, w, h) -> new SpectralResidual().compute(img, w, h));
    }

    /** The centre prior ({@link CenterPrior}). */
    static SaliencySource center() {
        return sized("center", true, (img, w, h) -> CenterPrior.of(w, h));
    }
}
