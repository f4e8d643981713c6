package dev.sieve.adversarial.eval;

import java.util.List;

/**
 * Result of a {@link DefenseEvaluation}: the parameters, how many images were looked at and how
 * many the model got right (only those are attacked, thesis §4.9), and one row per attack and
 * defense.
 */
public record EvaluationReport(String model, String data, int examined, int correct, int ensemble, String budget, long seed,
        List<String> attacks, List<String> defenses, List<EvaluationRow> rows, double seconds) {
    /** Top-1 accuracy of the undefended model on the examined images. */
    public double cleanAccuracy() {
        return examined == 0 ? Double.NaN : (double) correct / examined;
    }
}
