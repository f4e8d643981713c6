package dev.sieve.nn.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Fashion-MNIST (Xiao et al. 2017): 60 000 + 10 000 grayscale 28×28 images, 10 classes, as IDX files. */
public final class FashionMnist {
    /** Where Debian's {@code dataset-fashion-mnist} installs it. */
    public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    public static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private FashionMnist() {
    }

    /** True when {@code dir} holds the four IDX files (gzip or plain). */
    public static boolean isIn(Path dir) {
        return Files.exists(file(dir, "train-images-idx3-ubyte")) || Files.exists(file(dir, "t10k-images-idx3-ubyte"));
    }

    /** The training (60 000) or test (10 000) split from {@code dir}. */
    public static InMemoryDataset load(Path dir, boolean train) throws IOException {
        String p = train ? "train" : "t10k";
        if (!Files.isDirectory(dir)) {
            throw new java.nio.file.NoSuchFileException(dir + ": no such folder (install Debian's dataset-fashion-mnist)");
        }
        return IdxFiles.dataset(file(dir, p + "-images-idx3-ubyte"), file(dir, p + "-labels-idx1-ubyte"), CLASSES);
    }

    private static Path file(Path dir, String name) {
        Path gz = dir.resolve(name + ".gz");
        return Files.exists(gz) ? gz : dir.resolve(name);
    }
}
