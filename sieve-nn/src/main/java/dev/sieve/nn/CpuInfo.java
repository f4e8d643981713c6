package dev.sieve.nn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The processor as Linux describes it in {@code /proc/cpuinfo} (first processor): model name, family and flags. */
public record CpuInfo(String model, String family, Set<String> flags) {
    /** This machine's processor; empty fields where {@code /proc/cpuinfo} is missing (not Linux). */
    public static CpuInfo current() {
        try {
            return parse(Files.readAllLines(Path.of("/proc/cpuinfo")));
        } catch (IOException e) {
            return new CpuInfo("unknown", "", Set.of());
        }
    }

    /** Parses the lines of {@code /proc/cpuinfo}; the first value of each field wins. */
    static CpuInfo parse(List<String> lines) {
        String model = null, family = null, flags = null;
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim(), value = line.substring(colon + 1).trim();
            if (model == null && key.equals("model name")) {
                model = value;
            } else if (family == null && key.equals("cpu family")) {
                family = value;
            } else if (flags == null && key.equals("flags")) {
                flags = value;
            }
        }
        Set<String> set = new LinkedHashSet<>(flags == null || flags.isEmpty() ? List.of() : Arrays.asList(flags.split("\\s+")));
        return new CpuInfo(model == null ? "unknown" : model, family == null ? "" : family, Set.copyOf(set));
    }
}
