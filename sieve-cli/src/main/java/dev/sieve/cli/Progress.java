package dev.sieve.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;
import me.tongfei.progressbar.ProgressState;

/**
 * Progress bars of long commands: on stderr, so stdout stays clean for reports and JSON, and only
 * when stderr is a terminal (a log file would fill with carriage returns). {@code --progress} or
 * {@code SIEVE_PROGRESS=1} forces them on, {@code --no-progress} or {@code SIEVE_PROGRESS=0} off;
 * {@code --quiet} turns them off together with the result lines and warnings of the commands.
 */
final class Progress {
    private static volatile Boolean forcedOn;
    private static volatile Boolean forcedOff;
    private static volatile boolean quiet;

    private Progress() {
    }

    /** {@code --progress} ({@code off} false) and {@code --no-progress} ({@code off} true): {@code TRUE}/{@code FALSE} set, {@code null} not given. */
    static void force(Boolean value, boolean off) {
        if (off) {
            forcedOff = value;
        } else {
            forcedOn = value;
        }
    }

    /** {@code --quiet}: nothing on the terminal but errors (and the JSON or data a command prints as its output). */
    static void quiet(boolean on) {
        quiet = on;
    }

    /** Whether {@code --quiet} was given: commands then print no result line, warning or bar. */
    static boolean quiet() {
        return quiet;
    }

    /** Prints {@code line} (a result line, note or warning) on {@code w} unless {@code --quiet}. */
    static void say(java.io.PrintWriter w, String line) {
        if (!quiet) {
            w.println(line);
            w.flush();
        }
    }

    /** A bar with {@code total} steps (below 0: unknown, a {@link #counter}); ASCII style; silent unless {@link #shown()}. */
    static ProgressBar bar(String task, long total) {
        return bar(task, total, true);
    }

    /** As {@link #bar(String, long)}, and silent unless {@code worthShowing} (e.g. only for a large image). */
    static ProgressBar bar(String task, long total, boolean worthShowing) {
        ProgressBarBuilder b = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(worthShowing && shown() ? new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err) : Silent.INSTANCE)
                .setUpdateIntervalMillis(200);
        if (total < 0) {
            b.setRenderer(Progress::counter);
        }
        return b.build();
    }

    /** A bar of unknown length (total below 0) reads {@code TASK: N, S s} (steps done, seconds) instead of a percentage it cannot know. */
    static String counter(ProgressState state, int width) {
        String line = String.format(java.util.Locale.ROOT, "%s: %d, %d s", state.getTaskName(), state.getCurrent(),
                state.getTotalElapsed().toSeconds());
        return line.length() <= width ? line : line.substring(0, Math.max(0, width));
    }

    /** Whether bars are drawn: {@code --quiet} or {@code --no-progress}, {@code --progress}, {@code SIEVE_PROGRESS} if set, else whether stderr is a terminal. */
    static boolean shown() {
        if (quiet || forcedOff != null) {
            return false;
        }
        if (forcedOn != null) {
            return true;
        }
        String forced = System.getenv("SIEVE_PROGRESS");
        if (forced != null && !forced.isBlank()) {
            return !forced.strip().equals("0");
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception e) {
            return System.console() != null;
        }
    }

    /** Draws nothing. */
    private enum Silent implements ProgressBarConsumer {
        INSTANCE;

        @Override
        public int getMaxRenderedLength() {
            return 0;
        }

        @Override
        public void accept(String rendered) {
        }

        @Override
        public void close() {
        }
    }
}
