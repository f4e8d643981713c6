package dev.sieve.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of a command run over many images: the output folder and how many files are worked on at once. */
final class BatchOptions {
    @Mixin
    OutDirOption outDir;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
            description = "With -d: files worked on at once (default: the number of cores; the output bytes do not depend on it).")
    Integer jobs;

    /**
     * Whether the command runs as a {@link Batch}: with {@code -d} or several inputs; {@code --jobs}
     * without them is a usage error.
     */
    boolean isBatch(java.util.List<java.nio.file.Path> inputs) {
        boolean batch = outDir.given() || inputs != null && inputs.size() > 1;
        if (!batch && jobs != null) {
            throw new UsageError("--jobs works with several inputs and -d DIR");
        }
        return batch;
    }

    /**
     * The files of a batch run, each INPUT's output under {@code -d} with {@code extension} ({@link Batch#plan}); {@code -o}
     * ({@code output} not null) and no INPUT are usage errors.
     */
    java.util.List<Batch.Item> items(java.util.List<java.nio.file.Path> inputs, java.nio.file.Path output, String extension)
            throws java.io.IOException {
        if (output != null) {
            throw new UsageError("-o names one output file; with several inputs or -d the outputs go under -d DIR");
        }
        if (inputs == null) {
            throw new UsageError("-d needs INPUT images or folders");
        }
        return Batch.plan(inputs, outDir.create(), extension);
    }

    /** {@code --jobs}, or the number of cores; a usage error below 1. */
    int jobs() {
        if (jobs != null && jobs < 1) {
            throw new UsageError("--jobs must be at least 1, got " + jobs);
        }
        return jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
    }
}
