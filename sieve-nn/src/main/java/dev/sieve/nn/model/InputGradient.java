package dev.sieve.nn.model;

import dev.sieve.image.Planar;
import java.util.List;

/**
 * Loss of each image, its gradient with respect to the image's samples (in [0, 255] units) and the
 * logits of the forward pass they come from (so an attack can judge success without another pass).
 */
public record InputGradient(float[] losses, List<Planar> gradients, float[][] logits) {
}
