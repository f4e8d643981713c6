package dev.sieve.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IsaChoiceTest {
    private static final Set<String> AVX512_CPU = Set.of("sse4_1", "avx", "avx2", "avx512f", "avx512bw", "avx512vl", "avx512dq");

    private static IsaCheck pass(OneDnnIsa isa) {
        return new IsaCheck(isa, IsaCheck.Outcome.PASS, "kernels");
    }

    private static IsaCheck fail(OneDnnIsa isa) {
        return new IsaCheck(isa, IsaCheck.Outcome.FAIL, "wrong output");
    }

    @Test
    void choosesTheFastestIsaThatPassed() {
        assertThat(IsaChoice.choose(List.of(fail(OneDnnIsa.AVX512_CORE), pass(OneDnnIsa.AVX2), pass(OneDnnIsa.SSE41))))
                .contains(OneDnnIsa.AVX2);
        assertThat(IsaChoice.choose(List.of(pass(OneDnnIsa.SSE41), fail(OneDnnIsa.AVX), pass(OneDnnIsa.AVX512_CORE))))
                .contains(OneDnnIsa.AVX512_CORE);
    }

    @Test
    void theAlignedIsaIsTheFastestExactForAlignedConvolutionsAndKeepsSlowerIsasChecked() {
        IsaCheck aligned = new IsaCheck(OneDnnIsa.AVX, IsaCheck.Outcome.ALIGNED, "kernels; unaligned: wrong output");
        List<IsaCheck> checks = IsaChoice.checkFastestFirst(AVX512_CPU,
                isa -> isa == OneDnnIsa.AVX ? aligned : isa == OneDnnIsa.SSE41 ? pass(isa) : fail(isa));
        assertThat(checks).extracting(IsaCheck::outcome).containsExactly(IsaCheck.Outcome.FAIL, IsaCheck.Outcome.FAIL,
                IsaCheck.Outcome.ALIGNED, IsaCheck.Outcome.PASS);
        IsaChoice c = new IsaChoice("cpu", "torch", Instant.EPOCH, IsaChoice.choose(checks), checks);
        assertThat(c.chosen()).contains(OneDnnIsa.SSE41);
        assertThat(c.aligned()).contains(OneDnnIsa.AVX);
        IsaChoice allPass = new IsaChoice("cpu", "torch", Instant.EPOCH, Optional.of(OneDnnIsa.AVX2),
                List.of(fail(OneDnnIsa.AVX512_CORE), pass(OneDnnIsa.AVX2)));
        assertThat(allPass.aligned()).isEqualTo(allPass.chosen());
    }

    @Test
    void anAlignedVerdictSurvivesTheCache(@TempDir Path dir) throws IOException {
        List<IsaCheck> checks = List.of(fail(OneDnnIsa.AVX2), new IsaCheck(OneDnnIsa.AVX, IsaCheck.Outcome.ALIGNED, "Intel AVX; unaligned: x"),
                pass(OneDnnIsa.SSE41));
        IsaChoice c = new IsaChoice("cpu", "torch", Instant.EPOCH, IsaChoice.choose(checks), checks);
        c.write(dir.resolve("k"));
        assertThat(IsaChoice.read(dir.resolve("k"))).contains(c);
        assertThat(IsaChoice.read(dir.resolve("k")).orElseThrow().aligned()).contains(OneDnnIsa.AVX);
    }

    @Test
    void choosesNothingWhenEveryIsaFails() {
        assertThat(IsaChoice.choose(List.of(fail(OneDnnIsa.AVX512_CORE), fail(OneDnnIsa.AVX2), fail(OneDnnIsa.AVX),
                fail(OneDnnIsa.SSE41)))).isEmpty();
    }

    @Test
    void probingStopsAtTheFirstPassFromTheFastest() {
        List<OneDnnIsa> probed = new ArrayList<>();
        List<IsaCheck> checks = IsaChoice.checkFastestFirst(AVX512_CPU, isa -> {
            probed.add(isa);
            return isa == OneDnnIsa.AVX512_CORE ? fail(isa) : pass(isa);
        });
        assertThat(probed).containsExactly(OneDnnIsa.AVX512_CORE, OneDnnIsa.AVX2);
        assertThat(checks).extracting(IsaCheck::outcome).containsExactly(IsaCheck.Outcome.FAIL, IsaCheck.Outcome.PASS,
                IsaCheck.Outcome.NOT_CHECKED, IsaCheck.Outcome.NOT_CHECKED);
        assertThat(IsaChoice.choose(checks)).contains(OneDnnIsa.AVX2);
    }

    @Test
    void isasTheCpuLacksAreNeverProbed() {
        List<OneDnnIsa> probed = new ArrayList<>();
        List<IsaCheck> checks = IsaChoice.checkFastestFirst(Set.of("sse4_1", "avx", "avx2"), isa -> {
            probed.add(isa);
            return fail(isa);
        });
        assertThat(probed).containsExactly(OneDnnIsa.AVX2, OneDnnIsa.AVX, OneDnnIsa.SSE41);
        assertThat(checks.get(0).outcome()).isEqualTo(IsaCheck.Outcome.UNSUPPORTED);
        assertThat(IsaChoice.choose(checks)).isEmpty();
    }

    @Test
    void theCacheFileRoundTrips(@TempDir Path dir) throws IOException {
        IsaChoice c = new IsaChoice("AMD EPYC 9B14 \\ x", "2.7.1 cpu linux-x86_64", Instant.parse("2026-11-30T07:00:00Z"),
                Optional.of(OneDnnIsa.SSE41), List.of(new IsaCheck(OneDnnIsa.AVX512_CORE, IsaCheck.Outcome.FAIL,
                        "wrong output (2×2×5×5 → 4: got 1.0, exact 2.0) with 2 threads [Intel AVX-512]"), pass(OneDnnIsa.SSE41)));
        Path file = dir.resolve("sub").resolve("key");
        c.write(file);
        assertThat(IsaChoice.read(file)).contains(c);
        IsaChoice none = new IsaChoice("cpu", "lib", c.date(), Optional.empty(), List.of(fail(OneDnnIsa.SSE41)));
        none.write(file);
        assertThat(IsaChoice.read(file)).contains(none);
    }

    @Test
    void aMissingOrDamagedCacheFileReadsAsNoChoice(@TempDir Path dir) throws IOException {
        assertThat(IsaChoice.read(dir.resolve("absent"))).isEmpty();
        Path bad = dir.resolve("bad");
        Files.writeString(bad, "chosen=AVX9\ndate=yesterday\n");
        assertThat(IsaChoice.read(bad)).isEmpty();
    }
}
