package dev.sieve.image.defense;

import dev.sieve.image.Planar;

/**
 * An input transformation that purifies a possibly-adversarial image before a classifier sees it
 * (thesis §4.3: {@code F(T(x̃)) = F(x)}). Samples are in [0, 255]. A defense may be random; all of
 * its randomness comes from {@code seed}, so the same image and seed give the same output.
 * Defenses chain with {@link DefensePipeline}.
 */
public interface Defense {
    /** Transforms {@code img} (not modified) into a new image; it may change the size (random resize + pad does). */
    Planar apply(Planar img, long seed);

    /** The stage in pipeline syntax with every parameter spelled out, e.g. {@code deflect:k=100,w=10,…}. */
    String spec();
}
