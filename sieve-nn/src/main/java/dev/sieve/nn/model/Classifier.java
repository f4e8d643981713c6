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

    /** The class named {@code name}, or given by its index; anything else is an {@link IllegalArgumentException}. */
    default int classIndex(String name) {
        int i = classes().indexOf(name);
        if (i >= 0) {
            return i;
        }
        try {
            i = Integer.parseInt(name.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unknown class '" + name + "' (an index 0.." + (numClasses() - 1) + " or a class name)");
        }
        if (i < 0 || i >= numClasses()) {
            throw new IllegalArgumentException("class " + i + " outside 0.." + (numClasses() - 1));
        }
        return i;
    }

    /** The class of each image: its largest logit (the first on ties). */
    default int[] predict(List<Planar> images) {
        if (images.isEmpty()) {
            return new int[0];
        }
        float[][] z = logits(images);
        int[] p = new int[z.length];
        for (int i = 0; i < z.length; i++) {
            for (int k = 1; k < z[i].length; k++) {
                p[i] = z[i][k] > z[i][p[i]] ? k : p[i];
            }
        }
        return p;
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

    /**
     * Per-image loss {@code loss.value(i, z_i)} of the logits and its gradient with respect to each
     * image, the loss's logit weights computed from the same forward pass (one forward, one backward).
     */
    InputGradient logitLossGradient(List<Planar> images, LogitLoss loss);

    @Override
    void close();
}
