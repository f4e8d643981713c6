package dev.sieve.cli;

import dev.sieve.nn.train.EpochResult;
import dev.sieve.repr.ReprComparison;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;

/**
 * The progress of {@code sieve eval repr}: one bar over every training image of the study naming the running scheme
 * and seed, or a line per epoch when no bar is drawn, a line per complete run, and after each run the figure.
 */
final class ReprProgress implements ReprComparison.Listener, AutoCloseable {
    /** Redraws the figures of a report after a run completes. */
    @FunctionalInterface
    interface Figures {
        void draw(ReprComparison.Result report) throws IOException;
    }

    private final PrintWriter err;
    private final int epochs;
    private final Figures figures;
    private ProgressBar bar;

    ReprProgress(PrintWriter err, int epochs, Figures figures) {
        this.err = err;
        this.epochs = epochs;
        this.figures = figures;
    }

    @Override
    public void start(long images) {
        bar = Progress.bar("eval repr", images);
    }

    @Override
    public void run(String scheme, int seed) {
        bar.setExtraMessage(scheme + " seed " + seed);
    }

    @Override
    public void batch(int images) {
        bar.stepBy(images);
    }

    @Override
    public void epoch(String scheme, int seed, EpochResult e) {
        if (!Progress.shown() && !Progress.quiet()) {
            err.printf(Locale.ROOT, "eval repr: %s seed %d epoch %d/%d: train %.4f test %.4f (%.0f s)%n", scheme, seed, e.epoch(), epochs,
                    e.trainAccuracy(), e.testAccuracy(), e.seconds());
            err.flush();
        }
    }

    @Override
    public void elsewhere(String scheme, int seed, long images) {
        Progress.say(err, String.format(Locale.ROOT, "eval repr: %s seed %d is being trained by another process; left to it", scheme, seed));
        bar.stepBy(images);
    }

    @Override
    public void complete(String scheme, int seed, double seconds, ReprComparison.Result report) throws IOException {
        Progress.say(err, String.format(Locale.ROOT, "eval repr: %s seed %d complete (%.0f s)", scheme, seed, seconds));
        figures.draw(report);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
