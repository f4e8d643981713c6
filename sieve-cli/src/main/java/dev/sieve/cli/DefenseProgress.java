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
            Progress.say(err, String.format(Locale.ROOT, "eval defense: crafting may take up to %.0f min here"
                    + " (%.1f ms per gradient pass per image); the costliest is %s. --limit and the attacks' keys shorten it;"
                    + " --resume continues an interrupted run.", e.seconds() / 60, e.millisPerPass(), e.costliest()));
        }
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
