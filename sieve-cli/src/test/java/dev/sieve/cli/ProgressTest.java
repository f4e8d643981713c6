package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import me.tongfei.progressbar.ProgressBar;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void aBarOfUnknownLengthCountsStepsInsteadOfAQuestionMarkAndQuietSilencesAForcedBar() {
        assertThat(draw(false)).contains("encodes: 3, ").doesNotContain("?");
        assertThat(draw(true)).isEmpty();
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
