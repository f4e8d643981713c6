package dev.sieve.nn.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The CIFAR-10 / CIFAR-100 binary versions (Krizhevsky 2009): records of 1 label byte (CIFAR-10)
 * or 2 (CIFAR-100: coarse, then fine; the fine label is used) followed by 3 072 bytes of a 32×32
 * image, red plane, green plane, blue plane.
 */
public final class CifarBinary {
    public static final List<String> CIFAR10_CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer",
            "dog", "frog", "horse", "ship", "truck");
    private static final int IMAGE_BYTES = 3 * 32 * 32;

    /** Which of the two layouts. */
    public enum Variant {
        CIFAR10(1, 10), CIFAR100(2, 100);

        final int labelBytes;
        final int classes;

        Variant(int labelBytes, int classes) {
            this.labelBytes = labelBytes;
            this.classes = classes;
        }
    }

    private CifarBinary() {
    }

    /** Reads and concatenates record files. */
    public static InMemoryDataset read(List<Path> files, Variant v, List<String> classes) throws IOException {
        int record = v.labelBytes + IMAGE_BYTES;
        List<byte[]> contents = new ArrayList<>();
        long n = 0;
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new NoSuchFileException(f + ": no such file");
            }
            byte[] b = Files.readAllBytes(f);
            if (b.length == 0) {
                throw new DataFormatException(f, "empty file");
            }
            if (b.length % record != 0) {
                long bad = (long) (b.length / record) * record;
                throw new DataFormatException(f, bad, "incomplete record: " + (b.length - bad) + " bytes left, a "
                        + v + " record has " + record + " (truncated or not a " + v + " binary file)");
            }
            for (long off = 0; off < b.length; off += record) {
                int label = b[(int) off + v.labelBytes - 1] & 0xff;
                if (label >= v.classes) {
                    throw new DataFormatException(f, off + v.labelBytes - 1, "label " + label + " outside 0.."
                            + (v.classes - 1) + " (not a " + v + " binary file?)");
                }
            }
            contents.add(b);
            n += b.length / record;
        }
        byte[] pixels = new byte[(int) (n * IMAGE_BYTES)];
        int[] labels = new int[(int) n];
        int i = 0;
        for (byte[] b : contents) {
            for (int off = 0; off < b.length; off += record, i++) {
                labels[i] = b[off + v.labelBytes - 1] & 0xff;
                System.arraycopy(b, off + v.labelBytes, pixels, i * IMAGE_BYTES, IMAGE_BYTES);
            }
        }
        return new InMemoryDataset(pixels, labels, 3, 32, 32, classes, files.size() == 1 ? files.get(0).toString() : files.get(0).getParent().toString());
    }

    /** True when {@code dir} is an extracted {@code cifar-10-batches-bin} folder. */
    public static boolean isCifar10(Path dir) {
        return Files.exists(dir.resolve("data_batch_1.bin")) || Files.exists(dir.resolve("test_batch.bin"));
    }

    /** True when {@code dir} is an extracted {@code cifar-100-binary} folder. */
    public static boolean isCifar100(Path dir) {
        return Files.exists(dir.resolve("train.bin")) || Files.exists(dir.resolve("test.bin"));
    }

    /** A split of an extracted {@code cifar-10-batches-bin} folder. */
    public static InMemoryDataset cifar10(Path dir, boolean train) throws IOException {
        List<Path> files = new ArrayList<>();
        if (train) {
            for (int k = 1; k <= 5; k++) {
                files.add(dir.resolve("data_batch_" + k + ".bin"));
            }
        } else {
            files.add(dir.resolve("test_batch.bin"));
        }
        return read(files, Variant.CIFAR10, names(dir.resolve("batches.meta.txt"), CIFAR10_CLASSES));
    }

    /** A split of an extracted {@code cifar-100-binary} folder (fine labels). */
    public static InMemoryDataset cifar100(Path dir, boolean train) throws IOException {
        List<String> fallback = new ArrayList<>();
        for (int k = 0; k < 100; k++) {
            fallback.add("class" + k);
        }
        return read(List.of(dir.resolve(train ? "train.bin" : "test.bin")), Variant.CIFAR100,
                names(dir.resolve("fine_label_names.txt"), fallback));
    }

    private static List<String> names(Path file, List<String> fallback) throws IOException {
        if (!Files.exists(file)) {
            return fallback;
        }
        List<String> names = Files.readAllLines(file).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        return names.size() == fallback.size() ? names : fallback;
    }
}
