package dev.sieve.repr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.sieve.nn.train.EpochResult;
import dev.sieve.nn.train.OptimizerKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The study's settings are checked before any data is read, in messages that name no command-line option; the report's averages. */
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

    /** A complete 2-epoch run whose test accuracy is {@code test} at both epochs and training accuracy {@code test + 0.1}. */
    private static ReprComparison.Run run(String scheme, int seed, double test) {
        List<EpochResult> epochs = List.of(new EpochResult(1, 0.01f, 0.5, test + 0.1, 0.5, test, 1, 1),
                new EpochResult(2, 0.01f, 0.5, test + 0.1, 0.5, test, 1, 1));
        ReprRun r = new ReprRun(epochs, new boolean[2], List.of(), new double[2], 0, new String[2]);
        return new ReprComparison.Run(scheme, seed, r, List.of(r));
    }

    @Test
    void curvesAverageOnlyTheSeedsEveryMainSchemeHasComplete() {
        ReprComparison.Result r = new ReprComparison.Result(Map.of(), 2, List.of(run("standard", 1, 0.90), run("standard", 2, 0.80),
                run("repr-ortho", 1, 0.85), run("repr-ortho", 3, 0.70), run("repr-ortho+per-layer", 2, 0.60)));
        assertThat(r.commonSeeds()).containsExactly(1);
        assertThat(r.meanAccuracy("standard", false, r.commonSeeds())).containsExactly(0.90, 0.90);
        assertThat(r.meanAccuracy("repr-ortho", true, r.commonSeeds())[1]).isCloseTo(0.95, within(1e-12));
        assertThat(r.meanAccuracy("standard", false, Set.of(1, 2))[0]).isCloseTo(0.85, within(1e-12));
        ReprComparison.Result disjoint = new ReprComparison.Result(Map.of(), 2, List.of(run("standard", 1, 0.9), run("dsd", 2, 0.8)));
        assertThat(disjoint.commonSeeds()).isEmpty();
    }

    @Test
    void ablationsAreLeftOutOfFigure51AndReportedLast() {
        ReprComparison.Result r = new ReprComparison.Result(Map.of(), 2, List.of(run("repr-ortho-signed", 1, 0.85), run("standard", 1, 0.90),
                run("standard", 2, 0.80), run("repr-ortho", 1, 0.85), run("repr-ortho", 2, 0.80), run("repr-activation", 1, 0.8),
                run("repr-activation", 2, 0.8), run("repr-random+no-predrop", 1, 0.7), run("repr-ortho+first-layer", 1, 0.7)));
        assertThat(r.mainSchemes()).containsExactly("standard", "repr-ortho", "repr-activation");
        assertThat(r.ablations()).containsExactly("repr-ortho+first-layer", "repr-ortho-signed", "repr-random+no-predrop");
        assertThat(r.schemes()).endsWith("repr-ortho+first-layer", "repr-ortho-signed", "repr-random+no-predrop");
        assertThat(r.commonSeeds()).as("single-seed ablations do not narrow Figure 5.1").containsExactly(1, 2);
        assertThat(r.commonSeeds(List.of("standard", "repr-ortho-signed"))).containsExactly(1);
        assertThat(SchemeSpec.parse("repr-ortho+per-layer").ablation()).isTrue();
        assertThat(SchemeSpec.parse("repr-weights").ablation()).isFalse();
        assertThat(SchemeSpec.parse("dsd").ablation()).isFalse();
    }

    @Test
    void aStudyFolderThatIsAFileIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(() -> new ReprComparison(settings(1, List.of("dsd"), 3, null), file)).hasMessageContaining("exists and is not a folder");
    }
}
