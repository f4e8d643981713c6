package dev.sieve.cli;

import dev.sieve.image.Planar;
import dev.sieve.image.io.AtomicFiles;
import dev.sieve.image.io.ImageFiles;
import dev.sieve.image.metrics.Channels;
import dev.sieve.image.metrics.Psnr;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;

/**
 * The shared body of the commands that turn an image into an image (deflect, denoise, defend): one
 * INPUT to {@code -o} (a PNG, or {@code -} for standard output), or several INPUTs and folders into
 * {@code -d} as a {@link Batch}, each file's line giving its PNG's bytes and its luma PSNR against the input.
 */
final class ImageTransforms {
    /** The transformation of one image (seeded by the command, so every file gets the same seed). */
    @FunctionalInterface
    interface Transform {
        Planar apply(Planar img) throws IOException;
    }

    private ImageTransforms() {
    }

    /**
     * Runs {@code transform} as {@code command}, described in reports as {@code what}; {@code read} are
     * further files the transform reads (maps), never overwritten.
     *
     * @return the exit code
     */
    static int run(CommandLine cl, String command, List<Path> inputs, Path output, BatchOptions batch, boolean json, String what,
            Transform transform, List<Path> read) throws Exception {
        if (batch.isBatch(inputs)) {
            List<Batch.Item> items = batch.items(inputs, output, ".png");
            Path[] maps = read.toArray(Path[]::new);
            return Batch.run(cl, command, items, batch.jobs(), json, (in, out) -> {
                AtomicFiles.requireNotAnInput(out, maps);
                Planar img = ImageInput.read(in);
                ImageOutput.write(transform.apply(img), out);
                Planar written = ImageFiles.read(out);
                Double psnr = written.width() == img.width() && written.height() == img.height() && written.channels() == img.channels()
                        ? Psnr.of(img, written, Channels.LUMA) : null;
                long bytes = Files.size(out);
                Map<String, Object> f = fields(in, out, what);
                f.put("bytes", bytes);
                f.put("psnr", psnr);
                String line = String.format(Locale.ROOT, "%s -> %s: %d bytes, PSNR %s", in, out, bytes,
                        psnr == null ? "n/a (size changed)" : String.format(Locale.ROOT, "%.2f dB", psnr));
                return new Batch.Result(f, line, bytes);
            });
        }
        if (output == null) {
            throw new UsageError("missing -o OUT.png (- for standard output), or -d DIR for several inputs");
        }
        Path input = inputs.get(0);
        List<Path> all = new ArrayList<>(read);
        all.add(input);
        ImageOutput.check(output, all.toArray(Path[]::new));
        ImageOutput.write(transform.apply(ImageInput.read(input)), output);
        if (json) {
            Map<String, Object> d = Json.document(command);
            d.putAll(fields(input, output, what));
            PrintWriter w = ImageOutput.reportStream(cl, output);
            w.println(Json.write(d));
            w.flush();
        } else {
            ImageOutput.report(cl, output, what);
        }
        return 0;
    }

    private static Map<String, Object> fields(Path in, Path out, String what) {
        Map<String, Object> f = new java.util.LinkedHashMap<>();
        f.put("input", ImageInput.isStdin(in) ? "stdin" : in.toString());
        f.put("output", out.toString());
        f.put("transform", what);
        return f;
    }
}
