package dev.sieve.cli;

import dev.sieve.adversarial.attack.Budget;
import dev.sieve.adversarial.eval.DefenseSweep;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;

/** The progress of {@code sieve eval defense}: a bar per budget (named after it in a sweep) showing the running attack, and its notes. */
final class DefenseProgress implements DefenseSweep.Listener {
    private final PrintWriter err;
    private final boolean sweep;
    private ProgressBar bar;

    DefenseProgress(PrintWriter err, boolean sweep) {
        this.err = err;
        this.sweep = sweep;
    }

    /** Warns before a run whose crafting may take over two minutes. */
    void warn(DefenseSweep.Estimate e) {
        if (e.seconds() > 120) {
            Progress.say(err, "eval defense: " + describe(e) + "; --limit and the attacks' keys shorten it, --resume continues an interrupted run.");
        }
    }

    /** The estimate in one line: the bound, its crafting and evaluating parts, the pass and defense times, the costliest attack. */
    static String describe(DefenseSweep.Estimate e) {
        StringBuilder defenses = new StringBuilder();
        e.defenseMillis().forEach((d, ms) -> {
            if (!d.equals("none")) {
                defenses.append(defenses.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.2f", d, ms));
            }
        });
        return String.format(Locale.ROOT, "this run may take up to %s here: crafting %s, evaluating %s (%.1f ms per gradient pass per image%s); "
                + "the costliest is %s", duration(e.seconds()), duration(e.craftSeconds()), duration(e.evaluateSeconds()), e.millisPerPass(),
                defenses.length() == 0 ? "" : "; ms per defense draw per image: " + defenses, e.costliest());
    }

    private static String duration(double seconds) {
        return seconds >= 5400 ? String.format(Locale.ROOT, "%.1f h", seconds / 3600) : String.format(Locale.ROOT, "%.0f min", Math.ceil(seconds / 60));
    }

    @Override
    public void start(Budget b, Path folder, int resumed, long total) {
        if (resumed > 0) {
            Progress.say(err, "eval defense: resuming " + folder + ": " + resumed + " rows done");
        }
        bar = Progress.bar("eval defense" + (sweep ? " " + b : ""), total);
    }

    @Override
    public void step(int k) {
        bar.stepBy(k);
    }

    @Override
    public void phase(String phase) {
        bar.setExtraMessage(phase);
    }

    @Override
    public void end() {
        if (bar != null) {
            bar.close();
        }
        bar = null;
    }
}
