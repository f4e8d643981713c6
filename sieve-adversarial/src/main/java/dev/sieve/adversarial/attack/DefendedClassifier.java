package dev.sieve.adversarial.attack;

import dev.sieve.image.Planar;
import dev.sieve.image.defense.Defense;
import dev.sieve.nn.model.Classifier;
import dev.sieve.nn.model.ClassifierLoss;
import dev.sieve.nn.model.InputGradient;
import dev.sieve.nn.model.InputSpec;
import dev.sieve.nn.model.LogitLoss;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A classifier behind an input-transformation defense, {@code F(T(x))}, that adaptive attacks
 * differentiate: Backward Pass Differentiable Approximation with the identity (BPDA, Athalye,
 * Carlini &amp; Wagner 2018 §4.1: forward through {@code T}, backward as if {@code T(x) = x}, so
 * {@code ∇_x ℓ(F(T(x))) ≈ ∇ℓ(F)} evaluated at {@code T(x)}), averaged over {@code samples} draws of
 * the defense's randomness (Expectation over Transformation, Athalye et al. 2018 §4.3). Logits are
 * averaged the same way (also those that come back with a gradient). Any attack becomes adaptive by
 * attacking this classifier instead of the bare model, e.g. {@code new Pgd(new DefendedClassifier(model, defense, 10, seed), budget, 40)}.
 *
 * <p>Seeded: each call draws one seed per sample from a generator seeded with {@code seed}; image
 * {@code i} of a batch gets that seed plus {@code i} times a fixed odd constant. A defense that is
 * not {@linkplain Defense#randomized() randomized} is drawn once, since every draw is the same. The
 * images of a draw are defended in parallel. A defense that changes the image size is fitted back to
 * the model's input. Closing this does not close the wrapped model.
 */
public final class DefendedClassifier implements Classifier {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private final Classifier model;
    private final Defense defense;
    private final int samples;
    private final SplittableRandom seeds;

    public DefendedClassifier(Classifier model, Defense defense, int samples, long seed) {
        if (samples < 1) {
            throw new IllegalArgumentException("EOT needs at least 1 sample, got " + samples);
        }
        this.model = model;
        this.defense = defense;
        this.samples = defense.randomized() ? samples : 1;
        this.seeds = new SplittableRandom(seed);
    }

    public Defense defense() {
        return defense;
    }

    /** Draws averaged per call: the requested count, or 1 for a defense that is not randomized. */
    public int samples() {
        return samples;
    }

    @Override
    public List<String> classes() {
        return model.classes();
    }

    @Override
    public InputSpec input() {
        return model.input();
    }

    private synchronized long nextSeed() {
        return seeds.nextLong();
    }

    /** {@code T(x)} for each image with the sample's seed. */
    private List<Planar> defended(List<Planar> images, long seed) {
        Planar[] out = new Planar[images.size()];
        IntStream.range(0, out.length).parallel()
                .forEach(i -> out[i] = model.input().fit(defense.apply(images.get(i), seed + i * GOLDEN)));
        return Arrays.asList(out);
    }

    @Override
    public float[][] logits(List<Planar> images) {
        float[][] sum = null;
        for (int s = 0; s < samples; s++) {
            float[][] z = model.logits(defended(images, nextSeed()));
            if (sum == null) {
                sum = z;
            } else {
                for (int i = 0; i < z.length; i++) {
                    for (int k = 0; k < z[i].length; k++) {
                        sum[i][k] += z[i][k];
                    }
                }
            }
        }
        return scale(sum);
    }

    @Override
    public InputGradient inputGradient(List<Planar> images, int[] targets, ClassifierLoss loss) {
        return expectation(images, x -> model.inputGradient(x, targets, loss));
    }

    @Override
    public InputGradient logitGradient(List<Planar> images, float[][] weights) {
        return expectation(images, x -> model.logitGradient(x, weights));
    }

    /** EOT of the loss: the loss, its logit weights and its gradient per draw (each from that draw's logits), averaged. */
    @Override
    public InputGradient logitLossGradient(List<Planar> images, LogitLoss loss) {
        return expectation(images, x -> model.logitLossGradient(x, loss));
    }

    /** {@code pass} of the model on each draw of the defended images, averaged over the draws. */
    private InputGradient expectation(List<Planar> images, java.util.function.Function<List<Planar>, InputGradient> pass) {
        InputGradient sum = null;
        for (int s = 0; s < samples; s++) {
            sum = add(sum, pass.apply(defended(images, nextSeed())));
        }
        return average(sum);
    }

    private static InputGradient add(InputGradient sum, InputGradient g) {
        if (sum == null) {
            return g;
        }
        for (int i = 0; i < g.losses().length; i++) {
            sum.losses()[i] += g.losses()[i];
            for (int k = 0; k < g.logits()[i].length; k++) {
                sum.logits()[i][k] += g.logits()[i][k];
            }
            Planar a = sum.gradients().get(i), b = g.gradients().get(i);
            for (int c = 0; c < a.channels(); c++) {
                float[] pa = a.plane(c), pb = b.plane(c);
                for (int k = 0; k < pa.length; k++) {
                    pa[k] += pb[k];
                }
            }
        }
        return sum;
    }

    private InputGradient average(InputGradient sum) {
        if (samples == 1) {
            return sum;
        }
        float inv = 1f / samples;
        for (int i = 0; i < sum.losses().length; i++) {
            sum.losses()[i] *= inv;
            for (int k = 0; k < sum.logits()[i].length; k++) {
                sum.logits()[i][k] *= inv;
            }
            Planar a = sum.gradients().get(i);
            for (int c = 0; c < a.channels(); c++) {
                float[] pa = a.plane(c);
                for (int k = 0; k < pa.length; k++) {
                    pa[k] *= inv;
                }
            }
        }
        return sum;
    }

    private float[][] scale(float[][] sum) {
        if (samples > 1) {
            for (float[] row : sum) {
                for (int k = 0; k < row.length; k++) {
                    row[k] /= samples;
                }
            }
        }
        return sum;
    }

    @Override
    public void close() {
    }
}
