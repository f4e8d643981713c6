package dev.sieve.nn.data;

import dev.sieve.image.io.UserPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens a data set named on the command line: {@code fashion-mnist} (Debian's copy), or a folder
 * holding Fashion-MNIST/MNIST IDX files, an extracted CIFAR-10 or CIFAR-100 binary set, or images
 * in class folders (with {@code train/} and {@code test/} or {@code val/} sub-folders for the two
 * splits; without them the one folder serves both).
 */
public final class DataSets {
    private DataSets() {
    }

    /**
     * The training or test split of {@code spec}. Image folders are fitted to
     * {@code folderChannels × folderSize × folderSize}; the binary formats keep their own size.
     */
    public static ImageDataset open(String spec, boolean train, int folderChannels, int folderSize) throws IOException {
        Path dir = spec.equals("fashion-mnist") ? FashionMnist.DEBIAN_DIR : UserPaths.of(spec);
        if (!Files.exists(dir)) {
            throw new java.nio.file.NoSuchFileException(dir + ": no such data set folder"
                    + (spec.equals("fashion-mnist") ? " (install Debian's dataset-fashion-mnist)" : ""));
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + ": a data set is a folder (IDX files, CIFAR binaries or class folders)");
        }
        if (FashionMnist.isIn(dir)) {
            return FashionMnist.load(dir, train);
        }
        if (CifarBinary.isCifar10(dir)) {
            return CifarBinary.cifar10(dir, train);
        }
        if (CifarBinary.isCifar100(dir)) {
            return CifarBinary.cifar100(dir, train);
        }
        Path trainDir = dir.resolve("train");
        Path testDir = Files.isDirectory(dir.resolve("test")) ? dir.resolve("test") : dir.resolve("val");
        if (Files.isDirectory(trainDir) && Files.isDirectory(testDir)) {
            return ImageFolder.open(train ? trainDir : testDir, folderChannels, folderSize);
        }
        return ImageFolder.open(dir, folderChannels, folderSize);
    }
}
