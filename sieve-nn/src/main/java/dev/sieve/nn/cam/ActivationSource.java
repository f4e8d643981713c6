package dev.sieve.nn.cam;

import dev.sieve.image.Planar;

/** A model that exposes its last-conv feature maps and classifier weights, so CAM / R-CAM apply to it. */
public interface ActivationSource {
    /** Activations of {@code image} (any size; the source fits it to its input). */
    Activations activations(Planar image);
}
