package dev.sieve.repr;

import dev.sieve.nn.data.ImageDataset;
import dev.sieve.nn.model.ModelInfo;
import dev.sieve.nn.model.SieveModel;
import dev.sieve.nn.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * Born-again networks (Furlanello et al. 2018; thesis Table 5.4, "BAN"): generation g is a freshly
 * initialized network of the teacher's architecture, trained for the whole schedule to match the
 * softened outputs of generation g − 1; generation 0 is the teacher (a standard run). Loss: the
 * teacher-only BAN objective of Furlanello et al. §3, KL(teacher ‖ student) at temperature 1
 * ({@link Distillation} with T = 1, α = 1: the hard label term is off). Each generation costs a
 * full training run, so G generations cost G × the schedule (the thesis notes this, §5.8.1).
 * Generation g is initialized with {@link #initSeed} and shuffles data with the training seed,
 * through the same {@link ReprScheme} loop and optimizer as every other scheme.
 */
public record BornAgain(ModelInfo info, TrainingConfig training, int generations) {
    public static final float TEMPERATURE = 1f, WEIGHT = 1f;

    public BornAgain {
        if (generations < 1) {
            throw new IllegalArgumentException("born-again training needs ≥ 1 generation, got " + generations);
        }
    }

    /** The initialization seed of generation {@code g} (≥ 1) for run seed {@code seed}. */
    public static long initSeed(long seed, int g) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + g).nextLong();
    }

    /**
     * Trains generations 1..G from {@code teacher}, checkpointing generation g to
     * {@code checkpoint.apply(g)} (resumes a generation whose checkpoint exists; a finished
     * generation is restored from its checkpoint, not retrained). Returns each generation's run.
     */
    public List<ReprRun> run(SieveModel teacher, ImageDataset train, ImageDataset test, ReprListener listener, IntFunction<Path> checkpoint)
            throws IOException {
        List<ReprRun> runs = new ArrayList<>();
        SieveModel previous = teacher;
        try {
            for (int g = 1; g <= generations; g++) {
                SieveModel student = SieveModel.create(info, initSeed(training.seed(), g));
                try {
                    ReprConfig rc = new ReprConfig(1, 1, 0.3, 0, "ortho", true, true, 1, 0f, new Distillation(previous, TEMPERATURE, WEIGHT));
                    runs.add(new ReprScheme(student, training, rc).run(train, null, test, listener, checkpoint.apply(g)));
                } catch (RuntimeException | IOException e) {
                    student.close();
                    throw e;
                }
                if (previous != teacher) {
                    previous.close();
                }
                previous = student;
            }
        } finally {
            if (previous != teacher) {
                previous.close();
            }
        }
        return runs;
    }
}
