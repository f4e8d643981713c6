package dev.sieve.adversarial.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The sanity checks of a robustness evaluation (Carlini et al. 2019, "On evaluating adversarial
 * robustness" §5; Croce &amp; Hein 2020 for the gradient-free cross-check), run over the reports of
 * a budget sweep (one report per budget, in increasing ε), per defense:
 * <ul>
 * <li>{@code adaptive-not-weaker}: the worst adaptive attack leaves no more accuracy than the worst
 * plain one (the adaptive attacker also knows the defense); fails when the adaptive accuracy's
 * Wilson 95 % interval lies wholly above the plain accuracy, or, when the adaptive attack ran on
 * fewer images (an adaptive limit: the first m of the n), wholly above the plain accuracy's own
 * interval (two samples of different images);</li>
 * <li>{@code largest-budget-breaks}: at the largest fixed budget the worst adaptive (else plain)
 * attack leaves at most {@value #BROKEN} accuracy: an unbounded white-box attacker must win;</li>
 * <li>{@code square-not-stronger}: the gradient-free Square attack leaves no less accuracy than the
 * gradient attacks of the same kind minus {@value #SQUARE_SLACK}; a larger gap flags gradient
 * masking.</li>
 * </ul>
 */
public record SanityCheck(String check, String defense, String budget, boolean passed, String detail) {
    /** Accuracy an attack at the largest budget must reach down to. */
    public static final double BROKEN = 0.05;
    /** Points (as a fraction) by which Square may beat the gradient attacks before masking is flagged. */
    public static final double SQUARE_SLACK = 0.05;

    /** Every check that applies to {@code reports} (minimal-budget reports only get the first). */
    public static List<SanityCheck> of(List<EvaluationReport> reports) {
        List<SanityCheck> out = new ArrayList<>();
        for (EvaluationReport r : reports) {
            for (String d : r.defenses()) {
                EvaluationRow plain = worst(r, d, false, null), adaptive = worst(r, d, true, null);
                if (plain != null && adaptive != null && !d.equals("none")) {
                    WilsonInterval ci = WilsonInterval.ofFraction(adaptive.accuracySingle(), adaptive.images());
                    boolean subset = adaptive.images() < plain.images();
                    WilsonInterval plainCi = WilsonInterval.ofFraction(plain.accuracySingle(), plain.images());
                    String detail = String.format(Locale.ROOT, "worst adaptive %s %.1f %% (%.1f–%.1f) vs worst plain %s %.1f %%", adaptive.attack(),
                            100 * adaptive.accuracySingle(), 100 * ci.low(), 100 * ci.high(), plain.attack(), 100 * plain.accuracySingle());
                    if (subset) {
                        detail += String.format(Locale.ROOT, " (%.1f–%.1f; adaptive on the first %d of %d images)", 100 * plainCi.low(),
                                100 * plainCi.high(), adaptive.images(), plain.images());
                    }
                    out.add(new SanityCheck("adaptive-not-weaker", d, r.budget(), ci.low() <= (subset ? plainCi.high() : plain.accuracySingle()),
                            detail));
                }
                for (boolean kind : new boolean[] {false, true}) {
                    EvaluationRow square = worst(r, d, kind, true), gradient = worst(r, d, kind, false);
                    if (square != null && gradient != null) {
                        out.add(new SanityCheck("square-not-stronger", d, r.budget(),
                                square.accuracySingle() >= gradient.accuracySingle() - SQUARE_SLACK,
                                String.format(Locale.ROOT, "%s: Square %.1f %% vs gradient attacks %.1f %% (%s)", kind ? "adaptive" : "plain",
                                        100 * square.accuracySingle(), 100 * gradient.accuracySingle(), gradient.attack())));
                    }
                }
            }
        }
        EvaluationReport last = reports.isEmpty() ? null : reports.get(reports.size() - 1);
        if (last != null && !last.budget().equals("minimal")) {
            for (String d : last.defenses()) {
                EvaluationRow w = worst(last, d, true, null);
                w = w != null ? w : worst(last, d, false, null);
                if (w != null) {
                    out.add(new SanityCheck("largest-budget-breaks", d, last.budget(), w.accuracySingle() <= BROKEN,
                            String.format(Locale.ROOT, "worst %s%s leaves %.1f %%", w.attack(), w.adaptive() ? " (adaptive)" : "",
                                    100 * w.accuracySingle())));
                }
            }
        }
        return out;
    }

    /** The worst row for {@code defense} and kind; {@code square}: only Square (true), only others (false), any (null). */
    private static EvaluationRow worst(EvaluationReport r, String defense, boolean adaptive, Boolean square) {
        return r.worst(defense, adaptive, w -> square == null || square == AttackSpec.parse(w.attack()).name().equals("square"));
    }

    /** A Markdown table of {@code checks}, or a line saying none applied. */
    public static String markdown(List<SanityCheck> checks) {
        if (checks.isEmpty()) {
            return "Sanity checks: none applies to this run (they need adaptive rows, Square beside gradient attacks, or a fixed budget).\n";
        }
        StringBuilder s = new StringBuilder("Sanity checks (Carlini et al. 2019)\n\n| check | defense | budget | result | detail |\n|---|---|---|---|---|\n");
        for (SanityCheck c : checks) {
            s.append("| ").append(c.check).append(" | ").append(c.defense.replace("|", "\\|")).append(" | ").append(c.budget).append(" | ")
                    .append(c.passed ? "pass" : "**FLAG**").append(" | ").append(c.detail.replace("|", "\\|")).append(" |\n");
        }
        return s.append('\n').toString();
    }
}
