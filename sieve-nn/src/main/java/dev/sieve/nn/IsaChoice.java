package dev.sieve.nn;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;

/**
 * The oneDNN ISA cap chosen for one machine (CPU model and flags, libtorch version): the fastest ISA
 * whose kernels pass {@link ConvolutionSelfCheck}, or none when every one fails (then the in-process
 * check falls back to libtorch's own kernels), with the per-ISA verdicts and when they were measured.
 * Stored as a small properties file in the cache ({@link IsaProbe}).
 */
public record IsaChoice(String cpu, String libtorch, Instant date, Optional<OneDnnIsa> chosen, List<IsaCheck> checks) {
    public IsaChoice {
        checks = List.copyOf(checks);
    }

    /** The fastest ISA whose check passed; empty when none did. */
    public static Optional<OneDnnIsa> choose(List<IsaCheck> checks) {
        return fastest(checks, Set.of(IsaCheck.Outcome.PASS));
    }

    /** The fastest ISA exact for aligned convolutions (its check passed, or passed for aligned shapes); empty when none. */
    public Optional<OneDnnIsa> aligned() {
        return fastest(checks, Set.of(IsaCheck.Outcome.PASS, IsaCheck.Outcome.ALIGNED));
    }

    private static Optional<OneDnnIsa> fastest(List<IsaCheck> checks, Set<IsaCheck.Outcome> outcomes) {
        return checks.stream().filter(c -> outcomes.contains(c.outcome())).map(IsaCheck::isa).min(Enum::compareTo);
    }

    /**
     * Checks the ISAs from fastest to slowest with {@code check}, skipping those the CPU lacks and, once one
     * passes, the slower ones; one verdict per ISA, fastest first.
     */
    public static List<IsaCheck> checkFastestFirst(Set<String> cpuFlags, Function<OneDnnIsa, IsaCheck> check) {
        List<IsaCheck> out = new ArrayList<>();
        boolean found = false;
        for (OneDnnIsa isa : OneDnnIsa.values()) {
            IsaCheck c;
            if (!isa.supportedBy(cpuFlags)) {
                c = new IsaCheck(isa, IsaCheck.Outcome.UNSUPPORTED, "the CPU lacks its instructions");
            } else if (found) {
                c = new IsaCheck(isa, IsaCheck.Outcome.NOT_CHECKED, "a faster ISA passed");
            } else {
                c = check.apply(isa);
                found = c.outcome() == IsaCheck.Outcome.PASS;
            }
            out.add(c);
        }
        return out;
    }

    /** Writes the choice to {@code file} atomically (temporary file, then move). */
    public void write(Path file) throws IOException {
        StringBuilder s = new StringBuilder("# oneDNN ISA cap chosen by Sieve's convolution self-check, one child process per ISA\n");
        s.append("cpu=").append(escape(cpu)).append('\n');
        s.append("libtorch=").append(escape(libtorch)).append('\n');
        s.append("date=").append(date).append('\n');
        s.append("chosen=").append(chosen.map(Enum::name).orElse("none")).append('\n');
        for (IsaCheck c : checks) {
            s.append("check.").append(c.isa().name()).append('=').append(c.outcome().name()).append(' ').append(escape(c.detail())).append('\n');
        }
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, s, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Reads a file written by {@link #write}; empty when it is missing or not a complete choice. */
    public static Optional<IsaChoice> read(Path file) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
            List<IsaCheck> checks = new ArrayList<>();
            for (OneDnnIsa isa : OneDnnIsa.values()) {
                String v = p.getProperty("check." + isa.name());
                if (v != null) {
                    int space = v.indexOf(' ');
                    checks.add(new IsaCheck(isa, IsaCheck.Outcome.valueOf(space < 0 ? v : v.substring(0, space)),
                            space < 0 ? "" : v.substring(space + 1)));
                }
            }
            String chosen = p.getProperty("chosen");
            return Optional.of(new IsaChoice(p.getProperty("cpu", ""), p.getProperty("libtorch", ""), Instant.parse(p.getProperty("date")),
                    chosen.equals("none") ? Optional.empty() : Optional.of(OneDnnIsa.parse(chosen)), checks));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Escapes what {@link Properties#load} would read differently (backslashes). */
    private static String escape(String v) {
        return v.replace("\\", "\\\\");
    }
}
