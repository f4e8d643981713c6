package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import me.tongfei.progressbar.ProgressBar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressTest {
    @Test
    void aBarOfUnknownLengthCountsStepsInsteadOfAQuestionMarkAndQuietSilencesAForcedBar() {
        assertThat(draw(false)).contains("encodes: 3, ").doesNotContain("?");
        assertThat(draw(true)).isEmpty();
    }

    @Test
    void compressDrawsNoBarOnStderrThatIsNoTerminalDrawsOneWithProgressAndNoneWithQuiet(@TempDir Path dir) throws Exception {
        assumeTrue(System.getenv("SIEVE_PROGRESS") == null, "SIEVE_PROGRESS decides instead of the terminal test");
        assertThat(Progress.shown()).as("the test JVM's stderr is a pipe, not a terminal").isFalse();
        Path a = dir.resolve("a.png"), b = dir.resolve("b.png");
        ImageIO.write(CompressCommandTest.gradient(64, 48, BufferedImage.TYPE_3BYTE_BGR), "png", a.toFile());
        ImageIO.write(CompressCommandTest.gradient(48, 64, BufferedImage.TYPE_3BYTE_BGR), "png", b.toFile());
        String[] batch = {"compress", a.toString(), b.toString(), "--saliency", "spectral", "-d"};

        assertThat(stderrOf(concat(batch, dir.resolve("1").toString()))).as("no terminal: no bar, no carriage return").isEmpty();
        assertThat(stderrOf(concat(batch, dir.resolve("2").toString(), "--progress"))).contains("compress", "2/2", "\r");
        assertThat(stderrOf(concat(batch, dir.resolve("3").toString(), "--progress", "--quiet"))).isEmpty();
    }

    /** What a run writes on the process' stderr (where bars go; its result line goes to the command line's own writer). */
    private static String stderrOf(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            CliRun r = CliRun.of(args);
            assertThat(r.exitCode()).as(r.err()).isZero();
        } finally {
            System.setErr(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static String draw(boolean quiet) {
        PrintStream saved = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            Progress.force(Boolean.TRUE, false);
            Progress.quiet(quiet);
            try (ProgressBar bar = Progress.bar("encodes", -1)) {
                bar.stepBy(3);
            }
        } finally {
            Progress.force(null, false);
            Progress.quiet(false);
            System.setErr(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
