package dev.sieve.cli;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import dev.sieve.nn.CpuInfo;
import dev.sieve.nn.IsaCheck;
import dev.sieve.nn.IsaChoice;
import dev.sieve.nn.IsaProbe;
import dev.sieve.nn.NnRuntime;
import dev.sieve.nn.detect.Detectors;
import dev.sieve.nn.detect.ModelsDirectory;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sieve doctor}: what the deep-learning runtime runs on here: Java, libtorch, the CPU, the
 * oneDNN ISA cap and why, the per-ISA self-check verdicts of {@link IsaProbe}, the convolution kernels
 * in use, the threads and the detector models found.
 */
@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        description = {"Prints what the deep-learning runtime runs on here and whether its kernels pass a self-check.",
            "",
            "Prints Java, libtorch, the CPU, the oneDNN ISA cap and why (./sieve's cached probe, a probe at this " +
            "start, or the user's ONEDNN_MAX_CPU_ISA), each ISA's convolution self-check result, the threads, and the detector models " +
            "of --saliency objects|faces|people found in $SIEVE_MODELS or ~/.cache/sieve/models."})
public final class DoctorCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--probe", description = "Probe the ISAs again (child processes) and replace this machine's cached choice.")
    boolean probe;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        CpuInfo cpu = CpuInfo.current();
        if (probe) {
            java.nio.file.Files.deleteIfExists(IsaProbe.cacheFile(cpu, IsaProbe.libtorchVersion()));
            IsaProbe.resolve(System.err);
        }
        Engine engine = NnRuntime.engine();
        out.printf(Locale.ROOT, "java          %s (%s), %s%n", System.getProperty("java.version"), System.getProperty("java.vendor"),
                System.getProperty("java.home"));
        out.printf(Locale.ROOT, "libtorch      %s (DJL engine %s %s)%n", IsaProbe.libtorchVersion(), engine.getEngineName(), engine.getVersion());
        out.printf(Locale.ROOT, "cpu           %s, family %s, %d cores%n", cpu.model(), cpu.family().isEmpty() ? "?" : cpu.family(),
                Runtime.getRuntime().availableProcessors());
        out.printf(Locale.ROOT, "oneDNN cap    %s%n", IsaProbe.capInUse());
        Optional<IsaChoice> cached = IsaProbe.cached();
        if (cached.isPresent()) {
            IsaChoice c = cached.get();
            out.printf(Locale.ROOT, "probe         %s on %s (cached in %s)%n", c.chosen().map(Enum::name).orElse("none passed"), c.date(),
                    IsaProbe.cacheFile(cpu, IsaProbe.libtorchVersion()));
            if (!c.aligned().equals(c.chosen())) {
                out.printf(Locale.ROOT, "aligned cap   %s (train, eval repr, bench train, eval classify, eval defense and attack use it for networks whose"
                        + " convolutions have at most 8 or a multiple of 8 input channels per group)%n", c.aligned().map(Enum::name).orElse("none"));
            }
            for (IsaCheck k : c.checks()) {
                out.printf(Locale.ROOT, "  %-12s %-11s %s%n", k.isa(), k.outcome(), k.detail());
            }
        } else {
            out.println("probe         not run on this machine (./sieve runs it when ONEDNN_MAX_CPU_ISA is unset; or sieve doctor --probe)");
        }
        out.printf(Locale.ROOT, "convolutions  %s (in-process self-check)%n", NnRuntime.convolutionKernels());
        out.printf(Locale.ROOT, "threads       %d intra-op, %d inter-op (sieve.threads / SIEVE_THREADS)%n", JniUtils.getNumThreads(),
                JniUtils.getNumInteropThreads());
        out.printf(Locale.ROOT, "device        %s%n", NnRuntime.device());
        java.nio.file.Path models = ModelsDirectory.resolve(null);
        java.util.List<String> present = new java.util.ArrayList<>(), missing = new java.util.ArrayList<>();
        for (String source : new String[] {"objects", "faces", "people"}) {
            (ModelsDirectory.has(models, Detectors.modelOf(source)) ? present : missing).add(source);
        }
        out.printf(Locale.ROOT, "detectors     %s: %s%s%n", models, present.isEmpty() ? "none" : String.join(", ", present),
                missing.isEmpty() ? "" : " (missing " + String.join(", ", missing) + ": scripts/fetch-models " + models + ")");
        out.flush();
        return 0;
    }
}
