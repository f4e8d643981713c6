package dev.sieve.nn;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Picks, once per machine, the fastest oneDNN ISA cap whose convolution kernels are exactly right
 * here: each ISA, fastest first, runs {@link ConvolutionSelfCheck} (outputs, input and weight
 * gradients; 1 and 2 threads) in a child JVM started with {@code ONEDNN_MAX_CPU_ISA} set to it, since
 * oneDNN reads the variable once per process. The choice is cached in
 * {@code $XDG_CACHE_HOME/sieve/onednn-isa/KEY} ({@code ~/.cache} when unset), KEY hashing the CPU's
 * model name and flags and the libtorch version, so a new CPU or libtorch is probed again.
 *
 * <p>{@link #main} is what {@code ./sieve} runs before the real command: it prints {@code ISA SOURCE ALIGNED}
 * ({@code SOURCE} is {@code cache} or {@code probe}; {@code ISA} is {@code none} when every ISA failed,
 * and then the in-process self-check of {@link NnRuntime} falls back to libtorch's own kernels; {@code ALIGNED}
 * is the fastest ISA exact for aligned convolutions, {@link NnRuntime#useAlignedKernels}, or {@code none}).
 */
public final class IsaProbe {
    private static final Pattern ONEDNN_ISA = Pattern.compile("onednn_verbose,.*\\binfo,cpu,isa:(.*)");
    private static final long CHILD_SECONDS = 180;
    /** Changes when the self-check's shapes or verdicts change, so every machine probes again. */
    private static final int SELF_CHECK_VERSION = 3;

    private IsaProbe() {
    }

    /** Prints {@code ISA SOURCE} for the launcher; progress and a failure (one line, exit code 1) go to standard error. */
    public static void main(String[] args) {
        try {
            boolean cached = cached().isPresent();
            IsaChoice c = resolve(System.err);
            System.out.println(c.chosen().map(Enum::name).orElse("none") + (cached ? " cache " : " probe ")
                    + c.aligned().map(Enum::name).orElse("none"));
        } catch (RuntimeException e) {
            System.err.println("sieve: could not choose oneDNN's kernels (" + e + "); running without a cap");
            System.exit(1);
        }
    }

    /** This machine's cached choice, or a fresh probe (written to the cache). */
    public static IsaChoice resolve(PrintStream progress) {
        Optional<IsaChoice> c = cached();
        if (c.isPresent()) {
            return c.get();
        }
        CpuInfo cpu = CpuInfo.current();
        progress.println("sieve: checking oneDNN's convolution kernels on this CPU (" + cpu.model() + "), once per machine...");
        List<IsaCheck> checks = IsaChoice.checkFastestFirst(cpu.flags(), IsaProbe::checkInChild);
        IsaChoice choice = new IsaChoice(cpu.model(), libtorchVersion(), Instant.now().truncatedTo(ChronoUnit.SECONDS),
                IsaChoice.choose(checks), checks);
        Path file = cacheFile(cpu, libtorchVersion());
        String cap = "sieve: oneDNN ISA cap " + choice.chosen().map(Enum::name).orElse("none (every ISA failed; libtorch's own kernels)");
        try {
            choice.write(file);
            progress.println(cap + ", cached in " + file);
        } catch (IOException e) {
            progress.println(cap + "; could not cache it in " + file + " (" + e.getMessage() + "), so the next start probes again");
        }
        return choice;
    }

    /**
     * The oneDNN ISA cap of this process ({@code ONEDNN_MAX_CPU_ISA}) and why it is that one, from the
     * {@code SIEVE_ONEDNN_ISA_SOURCE} that {@code ./sieve} exports ({@code cache}, {@code probe}, {@code user}, {@code failed}).
     */
    public static String capInUse() {
        Optional<String> aligned = NnRuntime.alignedKernels();
        if (aligned.isPresent()) {
            return aligned.get() + " (exact for the aligned convolutions of this process's networks; raised from " + System.getenv("ONEDNN_MAX_CPU_ISA") + ")";
        }
        String isa = System.getenv("ONEDNN_MAX_CPU_ISA");
        String source = System.getenv("SIEVE_ONEDNN_ISA_SOURCE");
        source = source == null ? "" : source;
        if (isa == null || isa.isBlank()) {
            return "none, oneDNN's widest (" + switch (source) {
                case "cache", "probe" -> "every ISA failed the self-check in ./sieve's probe";
                case "failed" -> "./sieve's probe could not run";
                default -> "not started through ./sieve";
            } + ")";
        }
        return isa + " (" + switch (source) {
            case "cache" -> "chosen by ./sieve's probe, cached";
            case "probe" -> "chosen by ./sieve's probe, run at this start";
            case "user" -> "set by the user";
            default -> "set outside ./sieve";
        } + ")";
    }

    /** The cached choice for this machine, if probed before. */
    public static Optional<IsaChoice> cached() {
        return IsaChoice.read(cacheFile(CpuInfo.current(), libtorchVersion()));
    }

    /** Where this machine's choice is cached. */
    public static Path cacheFile(CpuInfo cpu, String libtorch) {
        String base = System.getenv("XDG_CACHE_HOME");
        Path root = base == null || base.isBlank() ? Path.of(System.getProperty("user.home"), ".cache") : Path.of(base);
        return root.resolve("sieve").resolve("onednn-isa").resolve(key(cpu, libtorch));
    }

    /** 16 hex digits of SHA-256 over the CPU model name, its sorted flags, the libtorch version and the self-check's version. */
    static String key(CpuInfo cpu, String libtorch) {
        String text = cpu.model() + "\n" + String.join(" ", new TreeSet<>(cpu.flags())) + "\n" + libtorch + "\nself-check " + SELF_CHECK_VERSION;
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The version, flavour and classifier of the libtorch native jar on the classpath (its {@code pytorch.properties}). */
    public static String libtorchVersion() {
        try (InputStream in = IsaProbe.class.getResourceAsStream("/native/lib/pytorch.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return String.join(" ", p.getProperty("version", "?"), p.getProperty("flavor", "?"), p.getProperty("classifier", "?"));
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Runs {@link IsaProbeChild} in a JVM with {@code ONEDNN_MAX_CPU_ISA=isa} and reads its verdict. */
    static IsaCheck checkInChild(OneDnnIsa isa) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                "-Djava.awt.headless=true", "-Dai.djl.offline=true", "-Dorg.slf4j.simpleLogger.log.ai.djl=warn",
                "-Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error", IsaProbeChild.class.getName());
        Map<String, String> env = pb.environment();
        env.remove("DNNL_MAX_CPU_ISA");
        env.put("ONEDNN_MAX_CPU_ISA", isa.name());
        env.put("ONEDNN_VERBOSE", "1");
        pb.redirectErrorStream(true);
        Path log = null;
        try {
            log = Files.createTempFile("sieve-isa-" + isa.name(), ".log");
            pb.redirectOutput(log.toFile());
            Process p = pb.start();
            if (!p.waitFor(CHILD_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                return new IsaCheck(isa, IsaCheck.Outcome.FAIL, "the check did not finish in " + CHILD_SECONDS + " s");
            }
            return verdict(isa, Files.readString(log, StandardCharsets.UTF_8), p.exitValue());
        } catch (IOException e) {
            return new IsaCheck(isa, IsaCheck.Outcome.FAIL, "could not run the check: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new IsaCheck(isa, IsaCheck.Outcome.FAIL, "interrupted");
        } finally {
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException e) {
                    log.toFile().deleteOnExit();
                }
            }
        }
    }

    /** The verdict in a child's output: PASS names the kernels oneDNN reported; a crash or a missing verdict is a FAIL. */
    static IsaCheck verdict(OneDnnIsa isa, String output, int exitCode) {
        String kernels = output.lines().map(ONEDNN_ISA::matcher).filter(Matcher::matches).map(m -> m.group(1).trim())
                .findFirst().orElse("oneDNN did not report its ISA");
        Optional<String> line = output.lines().filter(l -> l.startsWith(IsaProbeChild.VERDICT)).findFirst();
        if (exitCode != 0 || line.isEmpty()) {
            String last = output.lines().filter(l -> !l.startsWith("onednn_verbose")).reduce((a, b) -> b).orElse("");
            return new IsaCheck(isa, IsaCheck.Outcome.FAIL, "the check's process exited with " + exitCode + (last.isEmpty() ? "" : ": " + last));
        }
        String v = line.get().substring(IsaProbeChild.VERDICT.length());
        if (v.equals("PASS")) {
            return new IsaCheck(isa, IsaCheck.Outcome.PASS, kernels);
        }
        if (v.startsWith("ALIGNED ")) {
            return new IsaCheck(isa, IsaCheck.Outcome.ALIGNED, kernels + "; unaligned: " + v.substring("ALIGNED ".length()));
        }
        return new IsaCheck(isa, IsaCheck.Outcome.FAIL, v.replaceFirst("^FAIL ", "") + " [" + kernels + "]");
    }
}
