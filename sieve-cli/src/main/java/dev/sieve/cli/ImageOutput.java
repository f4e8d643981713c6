package dev.sieve.cli;

import dev.sieve.image.Planar;
import dev.sieve.image.io.AtomicFiles;
import dev.sieve.image.io.ImageFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine;

/**
 * The file outputs of the commands: {@code -} is standard output (the report then goes to standard
 * error); anything else is written atomically, after {@link AtomicFiles#checkOutput} before the work.
 */
final class ImageOutput {
    private ImageOutput() {
    }

    /** True when {@code out} is {@code -}, standard output. */
    static boolean isStdout(Path out) {
        return out != null && out.toString().equals("-");
    }

    /** Fails before any work when {@code out} is not a {@code .png} name (or {@code -}) or cannot be written. */
    static void check(Path out, Path... inputs) throws IOException {
        if (isStdout(out)) {
            return;
        }
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new UsageError(out + ": output must be a .png file (or - for standard output)");
        }
        checkWritable(out, inputs);
    }

    /** Fails before any work when {@code out} (any name; {@code -} passes) cannot be written or is one of {@code inputs}. */
    static void checkWritable(Path out, Path... inputs) throws IOException {
        if (!isStdout(out)) {
            AtomicFiles.checkOutput(out, inputs);
        }
    }

    /** Writes {@code img} as an 8-bit PNG (rounded, clamped to 0..255), atomically or to standard output. */
    static void write(Planar img, Path out) throws IOException {
        if (!isStdout(out)) {
            ImageFiles.writePng(img, out);
            return;
        }
        write(ImageFiles.pngBytes(img), out);
    }

    /** Writes {@code bytes} to {@code out}, atomically, or to standard output for {@code -}. */
    static void write(byte[] bytes, Path out) throws IOException {
        if (!isStdout(out)) {
            AtomicFiles.write(out, bytes);
            return;
        }
        PrintStream stdout = System.out;
        stdout.write(bytes);
        stdout.flush();
        if (stdout.checkError()) {
            throw new IOException("standard output: write failed");
        }
    }

    /** The one-line result of a command that wrote {@code out}: {@code OUT: what}, on {@link #reportStream}; nothing with {@code --quiet}. */
    static void report(CommandLine cl, Path out, String what) {
        if (Progress.quiet()) {
            return;
        }
        PrintWriter w = reportStream(cl, out);
        w.println((isStdout(out) ? "-" : out.toString()) + ": " + what);
        w.flush();
    }

    /** Where a command prints its report: standard error when its output goes to standard output. */
    static PrintWriter reportStream(CommandLine cl, Path out) {
        return isStdout(out) ? cl.getErr() : cl.getOut();
    }
}
