package dev.sieve.nn;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Switches of libtorch's global {@code at::Context} that DJL does not expose (Python's
 * {@code torch.backends.nnpack} / {@code torch.backends.mkldnn} flags), called by symbol through
 * JNA in the {@code libtorch_cpu.so} that DJL has loaded.
 *
 * <p>NNPACK is turned off at every engine start: on CPUs whose cache sizes the virtual machine hides
 * (this project's) it cannot initialize, and libtorch then prints "Could not initialize NNPACK!
 * Reason: Unsupported hardware" for every small single-image convolution. oneDNN (mkldnn) is turned
 * off only when its convolutions fail {@link ConvolutionSelfCheck}; libtorch then uses its own
 * im2col + BLAS kernels (about 2× slower for batched training on this machine).
 */
final class LibtorchContext {
    private static final String GLOBAL_CONTEXT = "_ZN2at13globalContextEv";

    private LibtorchContext() {
    }

    /** Turns NNPACK off; true when libtorch now reports it off (false when the library or its symbols are not found). */
    static boolean disableNnpack() {
        return disable("_ZN2at7Context20setUserEnabledNNPACKEb", "_ZNK2at7Context17userEnabledNNPACKEv");
    }

    /**
     * Sets an environment variable of this process in libc ({@code setenv}), where native code reads it
     * (Java's {@link System#getenv} keeps its copy from the start); true when set.
     */
    static boolean setEnvironment(String name, String value) {
        try {
            return NativeLibrary.getInstance("c").getFunction("setenv").invokeInt(new Object[] {name, value, 1}) == 0;
        } catch (UnsatisfiedLinkError e) {
            return false;
        }
    }

    /** Turns oneDNN (mkldnn) off for libtorch's operators; true when libtorch now reports it off. */
    static boolean disableMkldnn() {
        return disable("_ZN2at7Context20setUserEnabledMkldnnEb", "_ZNK2at7Context17userEnabledMkldnnEv");
    }

    /**
     * Stops libtorch's C++ warnings (the once-per-process "AutoNonVariableTypeMode is deprecated"
     * that DJL's JNI triggers): sets c10's log threshold to ERROR (2), or, when {@code TORCH_CPP_LOG_LEVEL}
     * is set, lets c10 read that variable as Python's torch does. Returns the threshold now in effect
     * (0 INFO, 1 WARNING, 2 ERROR), or -1 when libc10 or its symbols are not found.
     */
    static int quietWarnings() {
        Optional<Path> lib = loadedLibrary("libc10.so");
        if (lib.isEmpty()) {
            return -1;
        }
        try {
            NativeLibrary c10 = NativeLibrary.getInstance(lib.get().toString());
            Pointer threshold = c10.getGlobalVariableAddress("FLAGS_caffe2_log_level");
            if (System.getenv("TORCH_CPP_LOG_LEVEL") != null) {
                c10.getFunction("_ZN3c1011initLoggingEv").invokeVoid(new Object[0]);
            } else {
                threshold.setInt(0, 2);
            }
            return threshold.getInt(0);
        } catch (UnsatisfiedLinkError e) {
            return -1;
        }
    }

    private static boolean disable(String setter, String getter) {
        Optional<Path> lib = loadedLibrary("libtorch_cpu.so");
        if (lib.isEmpty()) {
            return false;
        }
        try {
            NativeLibrary torch = NativeLibrary.getInstance(lib.get().toString());
            Pointer context = torch.getFunction(GLOBAL_CONTEXT).invokePointer(new Object[0]);
            torch.getFunction(setter).invokeVoid(new Object[] {context, false});
            return (torch.getFunction(getter).invokeInt(new Object[] {context}) & 0xFF) == 0;
        } catch (UnsatisfiedLinkError e) {
            return false;
        }
    }

    /** The path of a shared library mapped into this process, from {@code /proc/self/maps} (Linux). */
    private static Optional<Path> loadedLibrary(String name) {
        try {
            return Files.readAllLines(Path.of("/proc/self/maps")).stream()
                    .map(l -> l.substring(l.lastIndexOf(' ') + 1))
                    .filter(p -> p.endsWith("/" + name))
                    .findFirst()
                    .map(Path::of);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
