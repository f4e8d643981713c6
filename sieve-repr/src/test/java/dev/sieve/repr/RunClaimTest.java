package dev.sieve.repr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A claim excludes other processes and other claims of this JVM while held, and ends with its process. */
class RunClaimTest {
    /** Child process: claims args[0], prints "claimed" or "refused", holds the claim until its standard input ends. */
    public static void main(String[] args) throws IOException {
        Optional<RunClaim> c = RunClaim.tryClaim(Path.of(args[0]));
        System.out.println(c.isPresent() ? "claimed" : "refused");
        System.out.flush();
        while (System.in.read() >= 0) {
            // hold the claim
        }
    }

    private static Process holder(Path file) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), RunClaimTest.class.getName(), file.toString()).redirectErrorStream(true).start();
    }

    private static String firstLine(Process p) throws IOException {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
    }

    @Test
    void aRunClaimedByAnotherProcessIsRefusedUntilThatProcessDies(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("runs/standard/seed-1.lock");
        Process p = holder(file);
        try {
            assertThat(firstLine(p)).isEqualTo("claimed");
            assertThat(RunClaim.tryClaim(file)).isEmpty();
        } finally {
            p.destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        Optional<RunClaim> mine = RunClaim.tryClaim(file);
        assertThat(mine).as("a killed process leaves no stale claim").isPresent();
        Process q = holder(file);
        try {
            assertThat(firstLine(q)).isEqualTo("refused");
        } finally {
            q.getOutputStream().close();
            assertThat(q.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        mine.get().close();
        assertThat(file).as("an incomplete run keeps its lock file").exists();
    }

    @Test
    void aClaimOfThisJvmExcludesASecondOneAndACompleteRunRemovesItsLockFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("seed-2.lock");
        try (RunClaim first = RunClaim.tryClaim(file).orElseThrow()) {
            assertThat(RunClaim.tryClaim(file)).isEmpty();
            first.closeComplete();
            assertThat(file).doesNotExist();
        }
        try (RunClaim again = RunClaim.tryClaim(file).orElseThrow()) {
            assertThat(again).isNotNull();
        }
    }
}
