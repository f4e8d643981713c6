package dev.sieve.adversarial.eval;

import dev.sieve.adversarial.attack.Budget;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One point of a budget sweep ({@link DefenseSweep}): for a defense and a kind of
 * attack (plain or adaptive), the robust accuracy at budget ε, the worst single-run accuracy over
 * the attacks of that kind, with its Wilson 95 % interval and the attack that reached it.
 */
public record RobustnessPoint(String norm, double epsilon, String defense, boolean adaptive, double accuracy, double low, double high,
        String worstAttack, int images) {

    /** The points of every report (one report per budget), in report order. */
    public static List<RobustnessPoint> of(List<EvaluationReport> reports) {
        List<RobustnessPoint> points = new ArrayList<>();
        for (EvaluationReport r : reports) {
            Budget b = Budget.parse(r.budget());
            for (String d : r.defenses()) {
                for (boolean adaptive : new boolean[] {false, true}) {
                    EvaluationRow worst = r.worst(d, adaptive, w -> true);
                    if (worst != null) {
                        WilsonInterval ci = WilsonInterval.ofFraction(worst.accuracySingle(), worst.images());
                        points.add(new RobustnessPoint(b.norm().key(), b.epsilon(), d, adaptive, worst.accuracySingle(), ci.low(), ci.high(),
                                worst.attack(), worst.images()));
                    }
                }
            }
        }
        return points;
    }

    /** robustness.csv: one line per point. */
    public static String csv(List<RobustnessPoint> points) {
        StringBuilder s = new StringBuilder("norm,epsilon,defense,attacks,robust_accuracy,low,high,worst_attack,images\n");
        for (RobustnessPoint p : points) {
            s.append(String.format(Locale.ROOT, "%s,%.6f,\"%s\",%s,%.4f,%.4f,%.4f,\"%s\",%d%n", p.norm, p.epsilon, p.defense.replace("\"", "\"\""),
                    p.adaptive ? "adaptive" : "plain", p.accuracy, p.low, p.high, p.worstAttack.replace("\"", "\"\""), p.images));
        }
        return s.toString();
    }
}
