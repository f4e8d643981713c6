package dev.sieve.cli;

import dev.sieve.image.io.AtomicFiles;
import dev.sieve.image.io.ImageFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine;

/**
 * One command over many images into an output folder, as cjpeg or ImageMagick's mogrify users expect:
 * files and folders (searched recursively for {@link ImageFiles#EXTENSIONS}) map to the same relative
 * paths under the folder, with the output's extension; files are worked on in parallel; each prints one
 * line (or one JSON line) in input order, a failed file prints its error on stderr and the batch goes on;
 * a totals line ends it; the exit code is 1 when any file failed.
 */
final class Batch {
    /** One input file and the file it becomes. */
    record Item(Path input, Path output) {
    }

    /**
     * What one file gave.
     *
     * @param fields      its JSON fields (input and output first)
     * @param line        its text line
     * @param outputBytes the size of the file written
     */
    record Result(Map<String, Object> fields, String line, long outputBytes) {
    }

    /** The work on one file: reads {@code input}, writes {@code output}. */
    @FunctionalInterface
    interface Task {
        Result run(Path input, Path output) throws Exception;
    }

    private record Done(Result result, long inputBytes) {
    }

    private Batch() {
    }

    /**
     * The items of {@code inputs} under {@code outDir}: a file maps to {@code outDir/NAME}, a folder's images
     * to their paths relative to it (the output folder itself skipped when it lies inside), each with its
     * extension replaced by {@code extension}. A usage error for standard input or two inputs that map to one output.
     */
    static List<Item> plan(List<Path> inputs, Path outDir, String extension) throws IOException {
        List<Item> items = new ArrayList<>();
        Path skip = outDir.toAbsolutePath().normalize();
        for (Path in : inputs) {
            if (ImageInput.isStdin(in)) {
                throw new UsageError("- (standard input) takes one image; it cannot join several inputs or -d");
            }
            if (!Files.isDirectory(in)) {
                items.add(new Item(in, outDir.resolve(withExtension(in.getFileName().toString(), extension))));
                continue;
            }
            Path folder = in.toAbsolutePath().normalize();
            List<Path> found;
            try (Stream<Path> s = Files.walk(in)) {
                found = s.filter(p -> skip.equals(folder) || !p.toAbsolutePath().normalize().startsWith(skip))
                        .filter(p -> Files.isRegularFile(p) && ImageFiles.hasImageExtension(p)).sorted().toList();
            }
            if (found.isEmpty()) {
                throw new IllegalArgumentException(in + ": no images (" + String.join(", ", ImageFiles.EXTENSIONS) + ") in this folder");
            }
            for (Path p : found) {
                items.add(new Item(p, outDir.resolve(withExtension(in.relativize(p).toString(), extension))));
            }
        }
        Set<Path> read = new HashSet<>();
        for (Item it : items) {
            read.add(it.input().toAbsolutePath().normalize());
        }
        Map<Path, Path> written = new HashMap<>();
        for (Item it : items) {
            Path out = it.output().toAbsolutePath().normalize();
            if (read.contains(out)) {
                throw new UsageError(it.input() + " would be written over the input " + it.output() + "; choose another -d");
            }
            Path before = written.putIfAbsent(out, it.input());
            if (before != null) {
                throw new UsageError(before + " and " + it.input() + " would both be written to " + it.output() + "; give them in separate runs");
            }
        }
        return items;
    }

    /**
     * Runs {@code task} on every item with {@code jobs} threads and prints the lines of {@code command}
     * (JSON documents of schema {@code sieve.COMMAND} with {@code json}); nothing but errors when quiet.
     *
     * @return the exit code: 0, or 1 when any file failed
     */
    static int run(CommandLine cl, String command, List<Item> items, int jobs, boolean json, Task task) throws InterruptedException {
        PrintWriter out = cl.getOut(), err = cl.getErr();
        long t0 = System.nanoTime();
        int threads = Math.min(jobs, items.size());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "sieve-batch");
            t.setDaemon(true);
            return t;
        });
        int failed = 0;
        long inBytes = 0, outBytes = 0;
        try (ProgressBar bar = Progress.bar(command, items.size())) {
            List<Future<Done>> futures = new ArrayList<>();
            for (Item it : items) {
                futures.add(pool.submit(() -> {
                    try {
                        Files.createDirectories(it.output().toAbsolutePath().getParent());
                        AtomicFiles.checkOutput(it.output(), it.input());
                        Result r = task.run(it.input(), it.output());
                        return new Done(r, Files.size(it.input()));
                    } finally {
                        bar.step();
                    }
                }));
            }
            for (int i = 0; i < items.size(); i++) {
                Item it = items.get(i);
                try {
                    Done d = futures.get(i).get();
                    Result r = d.result();
                    outBytes += r.outputBytes();
                    inBytes += d.inputBytes();
                    if (!Progress.quiet()) {
                        out.println(json ? Json.line(document(command, r.fields())) : r.line());
                        out.flush();
                    }
                } catch (ExecutionException e) {
                    failed++;
                    String message = Sieve.describe(e.getCause() instanceof java.io.UncheckedIOException u ? u.getCause() : e.getCause());
                    String named = message.contains(it.input().toString()) ? message : it.input() + ": " + message;
                    err.println("sieve " + command + ": " + named);
                    err.flush();
                    if (json && !Progress.quiet()) {
                        Map<String, Object> f = new LinkedHashMap<>();
                        f.put("input", it.input().toString());
                        f.put("error", named);
                        out.println(Json.line(document(command, f)));
                        out.flush();
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        if (!Progress.quiet()) {
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (json) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("files", items.size());
                f.put("failed", failed);
                f.put("input_bytes", inBytes);
                f.put("output_bytes", outBytes);
                f.put("seconds", Math.round(seconds * 100) / 100.0);
                f.put("jobs", threads);
                out.println(Json.line(document(command + ".totals", f)));
            } else {
                out.printf(Locale.ROOT, "%d files, %d written, %d failed: %d bytes from %d input bytes, %.1f s with %d jobs%n",
                        items.size(), items.size() - failed, failed, outBytes, inBytes, seconds, threads);
            }
            out.flush();
        }
        return failed == 0 ? 0 : 1;
    }

    private static Map<String, Object> document(String command, Map<String, Object> fields) {
        Map<String, Object> d = Json.document(command);
        d.putAll(fields);
        return d;
    }

    /** {@code name} with its extension (if any) replaced by {@code extension} (with its dot). */
    static String withExtension(String name, String extension) {
        int dot = name.lastIndexOf('.');
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return (dot > slash + 1 ? name.substring(0, dot) : name) + extension;
    }
}
