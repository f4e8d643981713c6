package dev.sieve.nn;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.nn.Block;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * The one door to DJL: configures its PyTorch engine for offline use before first touch and picks
 * the device.
 *
 * <p>Offline: {@code ai.djl.offline=true} unless the user set it, so DJL never phones home and uses
 * the libtorch of the {@code pytorch-native-cpu} jar on the classpath (unpacked once into DJL's
 * cache, {@code DJL_CACHE_DIR} / {@code ENGINE_CACHE_DIR} move it). Threads: PyTorch's intra-op and
 * inter-op pools default to 2 each, the best setting measured on a 2-core machine; override with
 * {@code -Dsieve.threads=N} (or {@code SIEVE_THREADS}, {@link #threads()}). Device: the first GPU when DJL sees one (needs a
 * CUDA native jar instead of the CPU one, see README), else the CPU; force one with
 * {@code -Dsieve.device=cpu|gpu|gpu:N} (or {@code SIEVE_DEVICE}).
 *
 * <p>On first start libtorch's C++ warnings are silenced and NNPACK is turned off ({@link LibtorchContext}), and a {@link ConvolutionSelfCheck}
 * verifies libtorch's convolutions and their gradients. On some of this project's CPUs oneDNN's AVX-512 /
 * AVX2 / AVX kernels are wrong for many shapes; {@code ./sieve} caps oneDNN ({@code ONEDNN_MAX_CPU_ISA}) at
 * the fastest ISA that passes the check on this machine ({@link IsaProbe}), the Maven tests at SSE4.1. When
 * the check fails in-process, oneDNN is switched off, libtorch's own kernels are checked instead, and a
 * warning names the faster fix. A process whose networks all have aligned convolutions may raise the cap to
 * faster kernels exact for those ({@link #useAlignedKernels}).
 */
public final class NnRuntime {
    /** What {@code ./sieve} exports: the fastest oneDNN ISA exact for aligned convolutions, when faster than the cap. */
    static final String ALIGNED_ISA = "SIEVE_ONEDNN_ALIGNED_ISA";
    private static Engine engine;
    private static String convolutions;
    /** The ISA this process raised oneDNN's cap to for aligned networks; null when it did not. */
    private static String alignedIsa;

    private NnRuntime() {
    }

    /** The configured PyTorch engine (configured on first call). */
    public static synchronized Engine engine() {
        if (engine == null) {
            Engine e = start();
            convolutions = checkedConvolutions(e);
            engine = e;
        }
        return engine;
    }

    /**
     * Raises oneDNN's cap to {@code SIEVE_ONEDNN_ALIGNED_ISA} (the fastest ISA {@link IsaProbe} found exact for
     * aligned convolutions on this machine, exported by {@code ./sieve} when it is faster than the cap) for a
     * process whose networks all have aligned convolutions ({@link ConvolutionAlignment#planned}): training or attacking
     * C^3(32) or ResNet-20 on this project's family-26 CPUs then runs AVX kernels instead of SSE4.1 ones. Works only
     * before the engine starts; from then on every network built ({@link #checkAligned}) must be aligned, and
     * what cannot be checked (TF.js graphs, TorchScript) refuses to run ({@link #requireAnyConvolution}).
     * Returns whether the cap was raised.
     */
    public static synchronized boolean useAlignedKernels() {
        String isa = System.getenv(ALIGNED_ISA);
        if (engine != null || alignedIsa != null || isa == null || isa.isBlank()) {
            return alignedIsa != null;
        }
        OneDnnIsa parsed;
        try {
            parsed = OneDnnIsa.parse(isa.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (!LibtorchContext.setEnvironment("ONEDNN_MAX_CPU_ISA", parsed.name())) {
            return false;
        }
        alignedIsa = parsed.name();
        return true;
    }

    /** The ISA {@link #useAlignedKernels} raised the cap to, if it did. */
    public static synchronized Optional<String> alignedKernels() {
        return Optional.ofNullable(alignedIsa);
    }

    /**
     * Refuses a network with an unaligned convolution in a process running aligned kernels ({@link #useAlignedKernels}),
     * whose oneDNN would compute it wrong; does nothing otherwise.
     */
    public static void checkAligned(Block network, String what) {
        if (alignedKernels().isPresent()) {
            ConvolutionAlignment.firstUnaligned(network).ifPresent(c -> {
                throw new IllegalStateException(what + " has " + c + ", which oneDNN's " + alignedIsa
                        + " kernels compute wrong on this CPU; this process runs them for aligned networks only (run it on its own)");
            });
        }
    }

    /** Refuses {@code what} (a network whose convolutions cannot be checked) in a process running aligned kernels. */
    public static void requireAnyConvolution(String what) {
        if (alignedKernels().isPresent()) {
            throw new IllegalStateException(what + " cannot run in this process, which runs oneDNN's " + alignedIsa
                    + " kernels for aligned convolutions only (run it on its own)");
        }
    }

    /**
     * Loads and configures the engine without the convolution self-check: for {@link IsaProbeChild},
     * which checks oneDNN's kernels itself; everything else calls {@link #engine()}.
     */
    static Engine start() {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
        String threads = String.valueOf(threads());
        setIfAbsent("ai.djl.pytorch.num_threads", threads);
        setIfAbsent("ai.djl.pytorch.num_interop_threads", threads);
        Engine e;
        try {
            e = Engine.getEngine("PyTorch");
        } catch (RuntimeException | UnsatisfiedLinkError ex) {
            throw new IllegalStateException("cannot start the PyTorch engine offline ("
                    + ex.getMessage() + "); is pytorch-native-cpu on the classpath?", ex);
        }
        LibtorchContext.quietWarnings();
        LibtorchContext.disableNnpack();
        return e;
    }

    /** libtorch's intra-op (and inter-op) threads: {@code sieve.threads} / {@code SIEVE_THREADS}, default 2. */
    public static int threads() {
        String v = setting("sieve.threads", "SIEVE_THREADS", "2").trim();
        try {
            int n = Integer.parseInt(v);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // not a number: the error below
        }
        throw new IllegalArgumentException("sieve.threads / SIEVE_THREADS must be a positive integer, got '" + v + "'");
    }

    /**
     * Which kernels compute convolutions: {@code "oneDNN"}, or {@code "libtorch native"} when
     * oneDNN's failed the self-check on this CPU and was switched off.
     */
    public static String convolutionKernels() {
        engine();
        return convolutions + (convolutions.equals("oneDNN") ? alignedKernels().map(isa -> " at " + isa + " for aligned channel counts").orElse("") : "");
    }

    /**
     * What computes this process's convolutions and with how many threads, as run records name it, e.g.
     * {@code oneDNN AVX, 1 thread} (the ISA cap in effect: the aligned one, else {@code ONEDNN_MAX_CPU_ISA}, else
     * {@code default}) or {@code libtorch native, 2 threads}. Results may differ in the last bits between kernels
     * or thread counts (the order of floating-point sums).
     */
    public static String kernelsAndThreads() {
        String kernels = convolutionKernels().startsWith("oneDNN")
                ? "oneDNN " + alignedKernels().orElseGet(() -> Optional.ofNullable(System.getenv("ONEDNN_MAX_CPU_ISA")).filter(v -> !v.isBlank())
                        .map(String::trim).orElse("default"))
                : convolutions;
        int t = threads();
        return kernels + ", " + t + (t == 1 ? " thread" : " threads");
    }

    /** The device and its convolution kernels as benchmark reports name them: {@code DEVICE (convolutions: KERNELS)}. */
    public static String deviceDescription() {
        return device() + " (convolutions: " + convolutionKernels() + ")";
    }

    /** The self-check of the shapes this process may run: the aligned ones under {@link #useAlignedKernels}, else all. */
    private static void selfCheck(Engine e) {
        if (alignedIsa != null) {
            ConvolutionSelfCheck.runAligned(e);
        } else {
            ConvolutionSelfCheck.run(e);
        }
    }

    /** Runs the self-check; if oneDNN fails it, switches oneDNN off and checks libtorch's own kernels. */
    private static String checkedConvolutions(Engine e) {
        try {
            selfCheck(e);
            return "oneDNN";
        } catch (IllegalStateException wrong) {
            if (!LibtorchContext.disableMkldnn()) {
                throw wrong;
            }
            selfCheck(e);
            LoggerFactory.getLogger(NnRuntime.class).warn("{}; using libtorch's own convolution kernels instead (correct,"
                    + " about 2x slower to train); ./sieve sets ONEDNN_MAX_CPU_ISA to the fastest oneDNN kernels that pass (./sieve doctor names them)", wrong.getMessage().replaceFirst(";.*", ""));
            return "libtorch native";
        }
    }

    /** The device models run on: {@code sieve.device} / {@code SIEVE_DEVICE} if set, else GPU 0 when present. */
    public static Device device() {
        Engine e = engine();
        String wanted = setting("sieve.device", "SIEVE_DEVICE", "").trim().toLowerCase(Locale.ROOT);
        if (wanted.isEmpty()) {
            return e.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
        }
        if (wanted.equals("cpu")) {
            return Device.cpu();
        }
        if (wanted.startsWith("gpu")) {
            int id = wanted.length() > 4 ? Integer.parseInt(wanted.substring(4)) : 0;
            if (id >= e.getGpuCount()) {
                throw new IllegalArgumentException("device " + wanted + " requested but the engine sees "
                        + e.getGpuCount() + " GPU(s); a CUDA native jar is needed for GPUs");
            }
            return Device.gpu(id);
        }
        throw new IllegalArgumentException("unknown device '" + wanted + "' (cpu, gpu or gpu:N)");
    }

    /** Seeds the engine's random generator (weight initialization, dropout). */
    public static void seed(long seed) {
        engine().setRandomSeed((int) (seed ^ (seed >>> 32)));
    }

    private static String setting(String property, String env, String fallback) {
        String v = System.getProperty(property);
        if (v == null) {
            v = System.getenv(env);
        }
        return v == null ? fallback : v;
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
