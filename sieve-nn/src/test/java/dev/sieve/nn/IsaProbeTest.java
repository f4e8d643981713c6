package dev.sieve.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sieve.nn.model.SieveModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IsaProbeTest {
    @Test
    void theCacheKeyChangesWithTheCpuFlagsAndTheLibtorchVersion() {
        CpuInfo a = new CpuInfo("AMD EPYC", "26", Set.of("avx2", "sse4_1"));
        assertThat(IsaProbe.key(a, "2.7.1 cpu")).hasSize(16).isEqualTo(IsaProbe.key(new CpuInfo("AMD EPYC", "26", Set.of("sse4_1", "avx2")), "2.7.1 cpu"))
                .isNotEqualTo(IsaProbe.key(new CpuInfo("AMD EPYC", "26", Set.of("sse4_1")), "2.7.1 cpu"))
                .isNotEqualTo(IsaProbe.key(a, "2.8.0 cpu"))
                .isNotEqualTo(IsaProbe.key(new CpuInfo("Intel Xeon", "6", a.flags()), "2.7.1 cpu"));
    }

    @Test
    void aChildVerdictNamesTheKernelsAndACrashIsAFailure() {
        String verbose = "onednn_verbose,v1,info,cpu,isa:Intel AVX2\n";
        assertThat(IsaProbe.verdict(OneDnnIsa.AVX2, verbose + "SELF-CHECK PASS\n", 0))
                .isEqualTo(new IsaCheck(OneDnnIsa.AVX2, IsaCheck.Outcome.PASS, "Intel AVX2"));
        IsaCheck wrong = IsaProbe.verdict(OneDnnIsa.AVX2, verbose + "SELF-CHECK FAIL wrong output with 1 thread\n", 0);
        assertThat(wrong.outcome()).isEqualTo(IsaCheck.Outcome.FAIL);
        assertThat(wrong.detail()).isEqualTo("wrong output with 1 thread [Intel AVX2]");
        IsaCheck aligned = IsaProbe.verdict(OneDnnIsa.AVX2, verbose + "SELF-CHECK ALIGNED wrong output (2×12×8×8 → 5) with 2 threads\n", 0);
        assertThat(aligned).isEqualTo(new IsaCheck(OneDnnIsa.AVX2, IsaCheck.Outcome.ALIGNED,
                "Intel AVX2; unaligned: wrong output (2×12×8×8 → 5) with 2 threads"));
        IsaCheck crash = IsaProbe.verdict(OneDnnIsa.AVX, verbose + "SELF-CHECK PASS\n", 134);
        assertThat(crash.outcome()).isEqualTo(IsaCheck.Outcome.FAIL);
        assertThat(IsaProbe.verdict(OneDnnIsa.AVX, "Exception in thread main\n", 1).detail()).contains("exited with 1", "Exception");
    }

    /** The real probe in child JVMs on this machine, then the chosen ISA checked independently on a 12-channel network. */
    @Test
    void theProbeChoosesAnIsaWhoseKernelsComputeTheCheckedNetworkExactly(@TempDir Path cache) throws IOException, InterruptedException {
        String first = probe(cache);
        String[] parts = first.strip().split(" ");
        assertThat(parts[1]).isEqualTo("probe");
        Path file;
        try (var files = Files.walk(cache)) {
            file = files.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        IsaChoice choice = IsaChoice.read(file).orElseThrow();
        assertThat(choice.checks()).hasSize(OneDnnIsa.values().length);
        assertThat(choice.chosen().map(Enum::name).orElse("none")).isEqualTo(parts[0]);
        assertThat(choice.aligned().map(Enum::name).orElse("none")).isEqualTo(parts[2]);
        assertThat(probe(cache).strip()).isEqualTo(parts[0] + " cache " + parts[2]);
        if (choice.chosen().isEmpty()) {
            assertThat(choice.checks()).noneMatch(c -> c.outcome() == IsaCheck.Outcome.PASS);
            return;
        }
        OneDnnIsa isa = choice.chosen().get();
        assertThat(choice.checks()).filteredOn(c -> c.isa() == isa).singleElement()
                .extracting(IsaCheck::outcome).isEqualTo(IsaCheck.Outcome.PASS);
        float[] expected;
        try (SieveModel m = ConvolutionFallbackProbe.model()) {
            expected = m.logits(ConvolutionFallbackProbe.input(), 2);
        }
        String out = java(Map.of("ONEDNN_MAX_CPU_ISA", isa.name()), ConvolutionFallbackProbe.class.getName());
        assertThat(out).contains("KERNELS oneDNN");
        float[] got = ConvolutionFallbackProbe.logits(out);
        assertThat(got).hasSameSizeAs(expected);
        for (int i = 0; i < got.length; i++) {
            assertThat(got[i]).as("logit %d at %s", i, isa).isCloseTo(expected[i], within(1e-4f * (1 + Math.abs(expected[i]))));
        }
        if (!choice.aligned().equals(choice.chosen())) {
            alignedKernelsComputeAnAlignedNetworkExactlyAndRefuseOthers(isa, choice.aligned().orElseThrow());
        }
    }

    /** Where a faster ISA is exact for aligned convolutions only: a c3-32 under it gives the logits of the cap, a c3-12 is refused. */
    private static void alignedKernelsComputeAnAlignedNetworkExactlyAndRefuseOthers(OneDnnIsa cap, OneDnnIsa aligned)
            throws IOException, InterruptedException {
        float[] expected;
        try (SieveModel m = ConvolutionFallbackProbe.model("c3-32")) {
            expected = m.logits(ConvolutionFallbackProbe.input(), 2);
        }
        String out = java(Map.of("ONEDNN_MAX_CPU_ISA", cap.name(), NnRuntime.ALIGNED_ISA, aligned.name(), "ONEDNN_VERBOSE", "1"),
                AlignedKernelsProbe.class.getName());
        assertThat(out).contains("RAISED true", "KERNELS oneDNN at " + aligned.name() + " for aligned channel counts");
        String reported = out.lines().filter(l -> l.contains("info,cpu,isa:")).findFirst().orElseThrow();
        assertThat(reported).as("oneDNN's own report of its ISA").doesNotContain("SSE4.1");
        float[] got = ConvolutionFallbackProbe.logits(out);
        assertThat(got).hasSameSizeAs(expected);
        for (int i = 0; i < got.length; i++) {
            assertThat(got[i]).as("logit %d at %s", i, aligned).isCloseTo(expected[i], within(1e-4f * (1 + Math.abs(expected[i]))));
        }
        assertThat(out).doesNotContain("BUILT c3-12").contains("REFUSED c3-12 has a convolution with 12 input channels");
    }

    private static String probe(Path cache) throws IOException, InterruptedException {
        return java(Map.of("XDG_CACHE_HOME", cache.toString()), IsaProbe.class.getName());
    }

    private static String java(Map<String, String> env, String main) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"), "-Dai.djl.offline=true", main);
        pb.environment().remove("ONEDNN_MAX_CPU_ISA");
        pb.environment().putAll(env);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(600, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
