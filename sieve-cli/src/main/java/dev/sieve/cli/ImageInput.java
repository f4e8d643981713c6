package dev.sieve.cli;

import dev.sieve.image.Planar;
import dev.sieve.image.io.ImageFiles;
import dev.sieve.image.io.ImageFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The image inputs of the commands: {@code -} is standard input (read to a private temporary
 * file, so the same header checks, pixel budget and strict decoding apply); anything else is a file.
 */
final class ImageInput {
    /** Largest image accepted on standard input, bytes. */
    static final long MAX_STDIN_BYTES = 1L << 30;

    private ImageInput() {
    }

    static boolean isStdin(Path in) {
        return in != null && in.toString().equals("-");
    }

    /** Reads {@code in}, or standard input for {@code -}. */
    static Planar read(Path in) throws IOException {
        if (!isStdin(in)) {
            return ImageFiles.read(in);
        }
        Path dir = Files.createTempDirectory("sieve-stdin-");
        Path file = dir.resolve("stdin");
        try {
            try (InputStream src = System.in; OutputStream dst = Files.newOutputStream(file)) {
                byte[] buf = new byte[1 << 16];
                long total = 0;
                for (int n; (n = src.read(buf)) > 0;) {
                    total += n;
                    if (total > MAX_STDIN_BYTES) {
                        throw new ImageFormatException("standard input: more than " + MAX_STDIN_BYTES + " bytes");
                    }
                    dst.write(buf, 0, n);
                }
            }
            return ImageFiles.read(file);
        } catch (ImageFormatException e) {
            throw new ImageFormatException(e.getMessage().replace(file.toString(), "standard input"), e);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }
}
