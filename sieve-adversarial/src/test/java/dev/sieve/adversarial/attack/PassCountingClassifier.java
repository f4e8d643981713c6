package dev.sieve.adversarial.attack;

import dev.sieve.image.Planar;
import dev.sieve.nn.model.Classifier;
import dev.sieve.nn.model.ClassifierLoss;
import dev.sieve.nn.model.InputGradient;
import dev.sieve.nn.model.InputSpec;
import dev.sieve.nn.model.LogitLoss;
import java.util.List;

/** A real classifier that counts the images it runs forward-only and forward + backward. */
final class PassCountingClassifier implements Classifier {
    private final Classifier model;
    long forwards;
    long gradients;

    PassCountingClassifier(Classifier model) {
        this.model = model;
    }

    @Override
    public List<String> classes() {
        return model.classes();
    }

    @Override
    public InputSpec input() {
        return model.input();
    }

    @Override
    public float[][] logits(List<Planar> images) {
        forwards += images.size();
        return model.logits(images);
    }

    @Override
    public InputGradient inputGradient(List<Planar> images, int[] targets, ClassifierLoss loss) {
        gradients += images.size();
        return model.inputGradient(images, targets, loss);
    }

    @Override
    public InputGradient logitGradient(List<Planar> images, float[][] weights) {
        gradients += images.size();
        return model.logitGradient(images, weights);
    }

    @Override
    public InputGradient logitLossGradient(List<Planar> images, LogitLoss loss) {
        gradients += images.size();
        return model.logitLossGradient(images, loss);
    }

    @Override
    public void close() {
    }
}
