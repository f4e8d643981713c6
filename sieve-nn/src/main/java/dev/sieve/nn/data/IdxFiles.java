package dev.sieve.nn.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * IDX files (LeCun's MNIST format, also Fashion-MNIST), plain or gzip-compressed: magic
 * {@code 00 00 08 NDIM}, NDIM big-endian 32-bit sizes, then unsigned bytes. Only the unsigned-byte
 * type (0x08) that image and label files use is read.
 */
public final class IdxFiles {
    private IdxFiles() {
    }

    /** An IDX array: its sizes and its bytes. */
    public record IdxArray(int[] dims, byte[] data) {
    }

    /** Reads an IDX file (gzip detected by its magic bytes). */
    public static IdxArray read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file + ": no such file");
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            int b0 = raw.read(), b1 = raw.read();
            raw.reset();
            InputStream in = (b0 == 0x1f && b1 == 0x8b) ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
            byte[] head = in.readNBytes(4);
            if (head.length < 4) {
                throw new DataFormatException(file, head.length, "file ends inside the 4-byte IDX magic");
            }
            if (head[0] != 0 || head[1] != 0) {
                throw new DataFormatException(file, 0, String.format("not an IDX file (magic starts %02x %02x, expected 00 00)", head[0], head[1]));
            }
            if (head[2] != 0x08) {
                throw new DataFormatException(file, 2, String.format("IDX data type 0x%02x not supported (only 0x08 unsigned byte)", head[2]));
            }
            int ndim = head[3] & 0xff;
            if (ndim < 1 || ndim > 4) {
                throw new DataFormatException(file, 3, "IDX with " + ndim + " dimensions (expected 1 to 4)");
            }
            int[] dims = new int[ndim];
            long total = 1;
            for (int d = 0; d < ndim; d++) {
                byte[] s = in.readNBytes(4);
                if (s.length < 4) {
                    throw new DataFormatException(file, 4 + 4L * d + s.length, "file ends inside the size of dimension " + d);
                }
                dims[d] = ((s[0] & 0xff) << 24) | ((s[1] & 0xff) << 16) | ((s[2] & 0xff) << 8) | (s[3] & 0xff);
                if (dims[d] <= 0) {
                    throw new DataFormatException(file, 4 + 4L * d, "dimension " + d + " has size " + dims[d]);
                }
                total *= dims[d];
            }
            long dataStart = 4 + 4L * ndim;
            if (total > Integer.MAX_VALUE - 16) {
                throw new DataFormatException(file, 4, "IDX array of " + total + " bytes is too large");
            }
            byte[] data = in.readNBytes((int) total);
            if (data.length < total) {
                throw new DataFormatException(file, dataStart + data.length, "file ends after " + data.length
                        + " of " + total + " data bytes (truncated)");
            }
            if (in.read() != -1) {
                throw new DataFormatException(file, dataStart + total, "unexpected bytes after the " + total + " data bytes");
            }
            return new IdxArray(dims, data);
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new DataFormatException(file, "broken gzip stream (" + e.getMessage() + ")");
        }
    }

    /**
     * An image set from an IDX image file ({@code N×H×W}) and an IDX label file ({@code N}); labels
     * must lie in {@code 0..classes.size()-1}.
     */
    public static InMemoryDataset dataset(Path images, Path labels, List<String> classes) throws IOException {
        IdxArray img = read(images);
        IdxArray lab = read(labels);
        if (img.dims().length != 3) {
            throw new DataFormatException(images, 3, "image file has " + img.dims().length + " dimensions, expected 3 (N, rows, columns)");
        }
        if (lab.dims().length != 1) {
            throw new DataFormatException(labels, 3, "label file has " + lab.dims().length + " dimensions, expected 1");
        }
        if (lab.dims()[0] != img.dims()[0]) {
            throw new DataFormatException(labels, 4, lab.dims()[0] + " labels for " + img.dims()[0] + " images in " + images);
        }
        int[] y = new int[lab.dims()[0]];
        for (int i = 0; i < y.length; i++) {
            y[i] = lab.data()[i] & 0xff;
            if (y[i] >= classes.size()) {
                throw new DataFormatException(labels, 8 + i, "label " + y[i] + " outside 0.." + (classes.size() - 1));
            }
        }
        return new InMemoryDataset(img.data(), y, 1, img.dims()[1], img.dims()[2], classes, images.toString());
    }
}
