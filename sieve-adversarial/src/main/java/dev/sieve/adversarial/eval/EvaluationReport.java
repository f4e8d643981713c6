package dev.sieve.adversarial.eval;

import java.util.List;

/**
 * Result of a {@link DefenseEvaluation}: the parameters, how many images were looked at and how
 * many the model got right (only those are attacked, thesis §4.9), and one row per attack and
 * defense. {@code samples}: {@code 8-bit} (adversarial images rounded before they are judged) or
 * {@code float} (the thesis' protocol).
 */
public record EvaluationReport(String model, String data, int examined, int correct, int ensemble, String budget, String samples, long seed,
        List<String> attacks, List<String> defenses, List<EvaluationRow> rows, double seconds) {
    /** Top-1 accuracy of the undefended model on the examined images. */
    public double cleanAccuracy() {
        return examined == 0 ? Double.NaN : (double) correct / examined;
    }
}
