package dev.sieve.nn.model;

import dev.sieve.image.Planar;
import java.util.List;

/**
 * An image classifier as attacks, defenses and evaluations see it: batch logits, input
 * gradients of a loss, the classes and the input it expects. Images are {@link Planar} with
 * samples in [0, 255] and exactly the size of {@link #input()} ({@link InputSpec#fit} brings any
 * image there); normalization happens inside, so gradients are with respect to the pixels.
 */
public interface Classifier extends AutoCloseable {
    /** Class names, index = class id. */
    List<String> classes();

    default int numClasses() {
        return classes().size();
    }

    /** Expected input and its normalization. */
    InputSpec input();

    /** Logits of each image. */
    float[][] logits(List<Planar> images);

    /** Per-image loss toward {@code targets} and its gradient with respect to each image. */
    InputGradient inputGradient(List<Planar> images, int[] targets, ClassifierLoss loss);

    /**
     * Per-image weighted sum of logits {@code Σ_k weights[i][k] · z_ik} and its gradient with respect
     * to each image: one backward pass for the logit combinations attacks need (DeepFool's
     * {@code z_k − z_y}, JSMA's sum over the other classes, C&amp;W's margin).
     */
    InputGradient logitGradient(List<Planar> images, float[][] weights);

    @Override
    void close();
}
