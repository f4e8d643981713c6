package dev.sieve.serve;

import dev.sieve.image.Planar;
import dev.sieve.image.io.ImageFiles;
import dev.sieve.image.io.ImageFormatException;
import dev.sieve.image.io.ImageReadOptions;
import dev.sieve.image.saliency.SaliencyMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Decodes uploaded images with {@link ImageFiles#read(Path, ImageReadOptions)} (pixel budget from the
 * header, strict decoding) through a temporary file in the server's own folder, deleted at once, and
 * encodes PNG responses in memory. Refusals become API errors: 413 over the pixel budget, 415 for
 * data in no supported format, 422 for a broken image.
 */
final class UploadedImages {
    private final Path tempDir;
    private final ImageReadOptions options;

    UploadedImages(Path tempDir, ImageReadOptions options) {
        this.tempDir = tempDir;
        this.options = options;
    }

    /** The image in {@code data}, named {@code part} in error messages. */
    Planar decode(String part, byte[] data) throws IOException {
        return read(part, data, file -> ImageFiles.read(file, options));
    }

    /** The saliency map in {@code data} ({@link SaliencyMap#read}: luma, transparent = not salient). */
    SaliencyMap decodeMap(String part, byte[] data) throws IOException {
        return read(part, data, SaliencyMap::read);
    }

    private interface Reader<T> {
        T read(Path file) throws IOException;
    }

    private <T> T read(String part, byte[] data, Reader<T> reader) throws IOException {
        Path tmp = Files.createTempFile(tempDir, "upload-", ".img");
        try {
            Files.write(tmp, data);
            return reader.read(tmp);
        } catch (ImageFormatException e) {
            String msg = String.valueOf(e.getMessage()).replace(tmp.toString(), part);
            if (msg.contains("over the limit of")) {
                throw new ApiError(413, msg);
            }
            throw new ApiError(msg.contains("not a PNG, JPEG") ? 415 : 422, msg);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** {@code img} as PNG bytes. */
    static byte[] png(Planar img) {
        try {
            return ImageFiles.pngBytes(img);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
