package dev.sieve.repr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.nn.train.OptimizerKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The study's settings are checked before any data is read, in messages that name no command-line option. */
class ReprComparisonTest {
    @TempDir
    Path dir;

    private static ReprComparison.Settings settings(int seeds, List<String> schemes, int epochs, Integer generations) {
        return new ReprComparison.Settings("c2-4", "no-such-data", seeds, schemes, epochs, 1, 1, 0.3, 1, generations, OptimizerKind.SGD, 0.01f, 0f,
                16, false, null, 0, null, 100);
    }

    @Test
    void badSettingsAreRefusedUpFront() {
        Path out = dir.resolve("study");
        assertThatThrownBy(() -> new ReprComparison(settings(0, List.of(), 3, null), out)).hasMessage("seeds must be in 1..100, got 0");
        assertThatThrownBy(() -> new ReprComparison(settings(1, List.of("repr-ortho+global"), 3, null), out)).hasMessageContaining("unknown flag 'global'");
        assertThatThrownBy(() -> new ReprComparison(settings(1, List.of(), 1, null), out))
                .hasMessage("iterations × (s1 + s2) = 2 epochs, more than the 1 epochs of a run");
        assertThatThrownBy(() -> new ReprComparison(settings(1, List.of("ban"), 3, 11), out)).hasMessage("BAN generations must be in 1..10, got 11");
        assertThat(out).doesNotExist();
    }

    @Test
    void aStudyFolderThatIsAFileIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(() -> new ReprComparison(settings(1, List.of("dsd"), 3, null), file)).hasMessageContaining("exists and is not a folder");
    }
}
