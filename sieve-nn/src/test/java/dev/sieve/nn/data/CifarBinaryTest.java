package dev.sieve.nn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarBinaryTest {
    @TempDir
    Path dir;

    /** {@code n} records; image i has red = i, green = 100 + i, blue = pixel index mod 256. */
    static byte[] records(int n, int labelBytes, int label) {
        int rec = labelBytes + 3072;
        byte[] b = new byte[n * rec];
        for (int i = 0; i < n; i++) {
            int o = i * rec;
            if (labelBytes == 2) {
                b[o] = 3;
            }
            b[o + labelBytes - 1] = (byte) (label + i);
            for (int p = 0; p < 1024; p++) {
                b[o + labelBytes + p] = (byte) i;
                b[o + labelBytes + 1024 + p] = (byte) (100 + i);
                b[o + labelBytes + 2048 + p] = (byte) p;
            }
        }
        return b;
    }

    @Test
    void readsCifar10BatchFolderAsPlanarRgb() throws IOException {
        for (int k = 1; k <= 5; k++) {
            Files.write(dir.resolve("data_batch_" + k + ".bin"), records(2, 1, k));
        }
        Files.write(dir.resolve("test_batch.bin"), records(3, 1, 0));
        ImageDataset train = DataSets.open(dir.toString(), true, 3, 32);
        ImageDataset test = DataSets.open(dir.toString(), false, 3, 32);
        assertThat(train.size()).isEqualTo(10);
        assertThat(test.size()).isEqualTo(3);
        assertThat(train.classes()).hasSize(10).startsWith("airplane");
        assertThat(train.label(0)).isEqualTo(1);
        assertThat(train.label(9)).isEqualTo(6);
        float[] img = new float[3072];
        test.pixels(2, img, 0);
        assertThat(img[0]).isEqualTo(2);
        assertThat(img[1024]).isEqualTo(102);
        assertThat(img[2048 + 300]).isEqualTo(300 % 256);
    }

    @Test
    void readsCifar100FineLabels() throws IOException {
        Files.write(dir.resolve("train.bin"), records(4, 2, 90));
        ImageDataset d = DataSets.open(dir.toString(), true, 3, 32);
        assertThat(d.classes()).hasSize(100);
        assertThat(d.label(3)).isEqualTo(93);
    }

    @Test
    void truncatedRecordAndBadLabelAreReportedWithFileAndOffset() throws IOException {
        Path cut = dir.resolve("test_batch.bin");
        Files.write(cut, java.util.Arrays.copyOf(records(2, 1, 0), 3073 + 100));
        assertThatThrownBy(() -> CifarBinary.cifar10(dir, false)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining(cut.toString()).hasMessageContaining("offset 3073").hasMessageContaining("incomplete record");
        Files.write(cut, records(2, 1, 9));
        assertThatThrownBy(() -> CifarBinary.cifar10(dir, false)).hasMessageContaining("offset 3073").hasMessageContaining("label 10");
    }
}
