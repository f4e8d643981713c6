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
    /**
     * Among the attack rows (not {@code clean}) of {@code defense} and kind ({@code adaptive}) that
     * {@code which} accepts, the one with the lowest single-run accuracy; null when there is none.
     */
    public EvaluationRow worst(String defense, boolean adaptive, java.util.function.Predicate<EvaluationRow> which) {
        EvaluationRow worst = null;
        for (EvaluationRow w : rows) {
            if (w.defense().equals(defense) && w.adaptive() == adaptive && !w.attack().equals("clean") && which.test(w)
                    && (worst == null || w.accuracySingle() < worst.accuracySingle())) {
                worst = w;
            }
        }
        return worst;
    }

    /** Top-1 accuracy of the undefended model on the examined images. */
    public double cleanAccuracy() {
        return examined == 0 ? Double.NaN : (double) correct / examined;
    }
}
