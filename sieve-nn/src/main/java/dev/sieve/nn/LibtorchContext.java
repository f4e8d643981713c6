package dev.sieve.nn;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Switches of libtorch's global {@code at::Context} that DJL does not expose, called by symbol
 * through JNA in the {@code libtorch_cpu.so} DJL has loaded.
 *
 * <p>NNPACK is turned off: on CPUs whose cache sizes the virtual machine hides (this project's) it
 * cannot initialize, and libtorch then prints "Could not initialize NNPACK! Reason: Unsupported
 * hardware" for every small single-image convolution, thousands of lines per evaluation. oneDNN,
 * which libtorch prefers for convolutions anyway, is unaffected.
 */
final class LibtorchContext {
    private static final String GLOBAL_CONTEXT = "_ZN2at13globalContextEv";
    private static final String SET_NNPACK = "_ZN2at7Context20setUserEnabledNNPACKEb";
    private static final String NNPACK = "_ZNK2at7Context17userEnabledNNPACKEv";

    private LibtorchContext() {
    }

    /** Turns NNPACK off; returns whether libtorch now reports it off (false when the library or symbols are not found). */
    static boolean disableNnpack() {
        Optional<Path> lib = loadedLibrary("libtorch_cpu.so");
        if (lib.isEmpty()) {
            return false;
        }
        try {
            NativeLibrary torch = NativeLibrary.getInstance(lib.get().toString());
            Pointer context = torch.getFunction(GLOBAL_CONTEXT).invokePointer(new Object[0]);
            torch.getFunction(SET_NNPACK).invokeVoid(new Object[] {context, false});
            Function enabled = torch.getFunction(NNPACK);
            return (enabled.invokeInt(new Object[] {context}) & 0xFF) == 0;
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
