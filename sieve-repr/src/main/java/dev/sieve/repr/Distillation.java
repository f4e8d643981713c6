package dev.sieve.repr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.sieve.nn.model.SieveModel;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Knowledge distillation (Hinton et al. 2015; thesis §5.7, Table 5.3): the student minimizes
 * {@code (1−α)·CE(y, s) + α·T²·KL(softmax(t/T) ‖ softmax(s/T))}, with teacher logits {@code t}
 * from a trained checkpoint, temperature {@code T} and weight {@code α}. The T² factor keeps the
 * soft term's gradients on the scale of the hard term's.
 */
public record Distillation(SieveModel teacher, float temperature, float weight) {
    public Distillation {
        if (!(temperature > 0) || !(weight >= 0 && weight <= 1)) {
            throw new IllegalArgumentException("distillation needs temperature > 0 and weight in [0, 1], got T=" + temperature + ", α=" + weight);
        }
    }

    /**
     * Fails unless the teacher takes images of the student's size and channels and has its classes
     * (each model normalizes the raw images itself, so their normalizations may differ).
     */
    public void checkCompatible(SieveModel student) {
        checkCompatible(teacher, student);
    }

    /**
     * Loads the teacher checkpoint {@code file} for {@code student}, refusing (and closing) one of
     * another input size, channel count or number of classes; the caller closes the returned model.
     */
    public static SieveModel loadTeacher(Path file, SieveModel student) throws IOException {
        SieveModel t = SieveModel.load(file);
        try {
            checkCompatible(t, student);
            return t;
        } catch (IllegalArgumentException e) {
            t.close();
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }

    private static void checkCompatible(SieveModel teacher, SieveModel student) {
        var t = teacher.input();
        var s = student.input();
        if (t.channels() != s.channels() || t.height() != s.height() || t.width() != s.width() || teacher.numClasses() != student.numClasses()) {
            throw new IllegalArgumentException("teacher " + teacher.info().architecture() + " takes " + t.channels() + "x" + t.height() + "x"
                    + t.width() + " images and has " + teacher.numClasses() + " classes; the student takes " + s.channels() + "x" + s.height()
                    + "x" + s.width() + " images and has " + student.numClasses() + " classes");
        }
    }

    /** The distillation loss for raw images {@code raw} ({@code n} of them) given the student's logits and the hard cross-entropy. */
    public NDArray loss(NDManager m, float[] raw, int n, NDArray studentLogits, NDArray hardLoss) {
        float[] t = teacher.logits(raw, n);
        NDArray teacherLogits = m.create(t, new Shape(n, teacher.numClasses()));
        NDArray pt = teacherLogits.div(temperature).softmax(1);
        NDArray logPt = teacherLogits.div(temperature).logSoftmax(1);
        NDArray logPs = studentLogits.div(temperature).logSoftmax(1);
        NDArray kl = pt.mul(logPt.sub(logPs)).sum().div(n);
        return hardLoss.mul(1 - weight).add(kl.mul(weight * temperature * temperature));
    }
}
