package dev.sieve.nn;

import java.util.List;
import java.util.Set;

/**
 * The instruction-set caps of oneDNN's CPU dispatcher that Sieve chooses between, fastest first, by
 * their names for the {@code ONEDNN_MAX_CPU_ISA} environment variable (oneDNN's "CPU Dispatcher
 * Control" guide), each with the {@code /proc/cpuinfo} flags the CPU needs for it.
 */
public enum OneDnnIsa {
    /** AVX-512 with AVX512BW, AVX512VL and AVX512DQ. */
    AVX512_CORE("avx512f", "avx512bw", "avx512vl", "avx512dq"),
    AVX2("avx2"),
    AVX("avx"),
    SSE41("sse4_1");

    private final List<String> flags;

    OneDnnIsa(String... flags) {
        this.flags = List.of(flags);
    }

    /** Whether a CPU with these {@code /proc/cpuinfo} flags can run this ISA's kernels. */
    public boolean supportedBy(Set<String> cpuFlags) {
        return cpuFlags.containsAll(flags);
    }

    /** The ISA named {@code name} (oneDNN's spelling, any case). */
    public static OneDnnIsa parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown oneDNN ISA '" + name + "' (" + List.of(values()) + ")", e);
        }
    }
}
