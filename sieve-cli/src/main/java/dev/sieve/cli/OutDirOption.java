package dev.sieve.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code -d/--out-dir DIR}: the folder a command writes its files into, created if missing. */
final class OutDirOption {
    @Option(names = {"-d", "--out-dir"}, paramLabel = "DIR", description = "Folder to write into (created if missing).")
    Path dir;

    /** Whether {@code -d} was given. */
    boolean given() {
        return dir != null;
    }

    /** The folder, created with its parents; a usage error when {@code -d} is missing or names a file. */
    Path create() throws IOException {
        if (dir == null) {
            throw new UsageError("missing -d/--out-dir DIR");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UsageError(dir + ": exists and is not a folder");
        }
        return Files.createDirectories(dir);
    }
}
