package dev.sieve.nn.model;

import dev.sieve.image.Planar;
import java.util.List;

/** Loss of each image and its gradient with respect to the image's samples (in [0, 255] units). */
public record InputGradient(float[] losses, List<Planar> gradients) {
}
