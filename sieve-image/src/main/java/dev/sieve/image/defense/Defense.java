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

    /**
     * False when the output does not depend on the seed; an adaptive attacker then needs one draw of
     * it for Expectation over Transformation instead of many. True unless a defense says otherwise.
     */
    default boolean randomized() {
        return true;
    }

    /** The stage in pipeline syntax with every parameter spelled out, e.g. {@code deflect:k=100,w=10,…}. */
    String spec();
}
