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

    /** A source named {@code name} computed by {@code f}. */
    static SaliencySource of(String name, Function<Planar, SaliencyMap> f) {
        Objects.requireNonNull(name);
        Objects.requireNonNull(f);
        return new SaliencySource() {
            @Override
            public String name() {
                return name;
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
        return of("center", img -> CenterPrior.of(img.width(), img.height()));
    }
}
