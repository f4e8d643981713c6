package dev.sieve.repr;

import dev.sieve.nn.data.ImageDataset;
import dev.sieve.nn.data.SubsetDataset;
import dev.sieve.nn.model.SieveModel;
import dev.sieve.nn.train.EpochResult;
import dev.sieve.nn.train.Training;
import dev.sieve.nn.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * One training run by scheme (thesis ch. 5): standard, RePr (Algorithm 3), DSD or one born-again
 * generation, each optionally with the orthogonality loss (weight {@code orthoLambda}, Table 5.2)
 * and knowledge distillation from the checkpoint {@code teacher} (nullable; temperature, soft-term
 * weight; Table 5.3). Decides the loop: plain standard training (no extra loss, no teacher) is
 * {@link Training} with its defaults (DJL's optimizer, one data stream over the run); everything
 * else is {@link ReprScheme}. Loads the teacher and checks it fits the student (size, channels,
 * classes). The Oracle ranking measures the last {@code validation} training images, held out of
 * training. BAN distils at {@link BornAgain#TEMPERATURE} and {@link BornAgain#WEIGHT} whatever
 * {@code temperature} and {@code kdWeight} say.
 */
public record SchemeTraining(SchemeSpec scheme, int s1, int s2, double prune, int iterations, int rankingImages, int validation,
        float orthoLambda, Path teacher, float temperature, float kdWeight) {
    public SchemeTraining {
        if (scheme.kind() == SchemeSpec.Kind.BAN && teacher == null) {
            throw new IllegalArgumentException("born-again training needs a teacher checkpoint (the previous generation)");
        }
        if (validation < 1) {
            throw new IllegalArgumentException("the Oracle's validation images must be ≥ 1, got " + validation);
        }
        new Distillation(null, temperature, kdWeight);
        scheme.config(s1, s2, prune, iterations, rankingImages).withLosses(orthoLambda, null);
    }

    /** Fails unless the N prune/re-initialize cycles fit into {@code epochs}. */
    public void checkEpochs(int epochs) {
        ReprConfig c = config(null);
        if (c.cycleEpochs() > epochs) {
            throw new IllegalArgumentException(scheme.kind().name() + " with N=" + iterations + ", S1=" + s1 + ", S2=" + s2 + " needs "
                    + c.cycleEpochs() + " epochs, the run has " + epochs);
        }
    }

    /** True when this is plain standard training (no extra loss, no teacher). */
    public boolean plain() {
        return scheme.kind() == SchemeSpec.Kind.STANDARD && orthoLambda == 0 && teacher == null;
    }

    /** The loop configuration, with distillation {@code kd} (nullable). */
    public ReprConfig config(Distillation kd) {
        return scheme.config(s1, s2, prune, iterations, rankingImages).withLosses(orthoLambda, kd);
    }

    /**
     * Trains {@code model} on {@code train} (less the Oracle's held-out images), measuring
     * {@code test} after every epoch; returns the epochs.
     */
    public List<EpochResult> train(SieveModel model, TrainingConfig cfg, ImageDataset train, ImageDataset test, ReprListener listener)
            throws IOException {
        checkEpochs(cfg.epochs());
        if (plain()) {
            return new Training(model, cfg).run(train, test, listener);
        }
        ImageDataset fit = train, held = null;
        if (scheme.kind() == SchemeSpec.Kind.REPR && "oracle".equals(scheme.metric())) {
            if (train.size() < 2 * validation) {
                throw new IllegalArgumentException("the Oracle ranking holds out " + validation + " validation images and needs at least "
                        + 2 * validation + " training images, there are " + train.size());
            }
            int keep = train.size() - validation;
            fit = new SubsetDataset(train, IntStream.range(0, keep).toArray());
            held = new SubsetDataset(train, IntStream.range(keep, train.size()).toArray());
        }
        try (SieveModel t = teacher == null ? null : Distillation.loadTeacher(teacher, model)) {
            boolean ban = scheme.kind() == SchemeSpec.Kind.BAN;
            Distillation kd = t == null ? null : new Distillation(t, ban ? BornAgain.TEMPERATURE : temperature, ban ? BornAgain.WEIGHT : kdWeight);
            return new ReprScheme(model, cfg, config(kd)).run(fit, held, test, listener, null).epochs();
        }
    }

    /** What the run amounts to, for reports (snake_case keys). */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scheme", scheme.kind().name().toLowerCase(Locale.ROOT));
        if (scheme.cycles()) {
            m.put("s1", s1);
            m.put("s2", s2);
            m.put("prune", prune);
            m.put("iterations", iterations);
        }
        if (scheme.kind() == SchemeSpec.Kind.REPR) {
            m.put("metric", scheme.metric());
            m.put("ranking", scheme.perLayer() ? "per-layer" : "global");
            m.put("first_layer_ranked", scheme.firstLayer());
        }
        if (orthoLambda > 0) {
            m.put("ortho_lambda", orthoLambda);
        }
        if (teacher != null) {
            boolean ban = scheme.kind() == SchemeSpec.Kind.BAN;
            m.put("teacher", teacher.toString());
            m.put("temperature", ban ? BornAgain.TEMPERATURE : temperature);
            m.put("kd_weight", ban ? BornAgain.WEIGHT : kdWeight);
        }
        return m;
    }
}
