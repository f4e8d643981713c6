package dev.sieve.nn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFilesTest {
    @TempDir
    Path dir;

    static byte[] idx(int[] dims, byte[] data) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {0, 0, 8, (byte) dims.length});
        for (int d : dims) {
            b.writeBytes(new byte[] {(byte) (d >>> 24), (byte) (d >>> 16), (byte) (d >>> 8), (byte) d});
        }
        b.writeBytes(data);
        return b.toByteArray();
    }

    static Path write(Path f, byte[] bytes, boolean gzip) throws IOException {
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(f)) : Files.newOutputStream(f)) {
            out.write(bytes);
        }
        return f;
    }

    /** Writes a 3-image 2×3 IDX pair as Fashion-MNIST names them. */
    static void writeFashionLayout(Path dir, String prefix, boolean gzip) throws IOException {
        byte[] pixels = new byte[3 * 6];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 14);
        }
        String ext = gzip ? ".gz" : "";
        write(dir.resolve(prefix + "-images-idx3-ubyte" + ext), idx(new int[] {3, 2, 3}, pixels), gzip);
        write(dir.resolve(prefix + "-labels-idx1-ubyte" + ext), idx(new int[] {3}, new byte[] {9, 0, 4}), gzip);
    }

    @Test
    void readsGzipAndPlainIdxImageAndLabelFiles() throws IOException {
        for (boolean gzip : new boolean[] {true, false}) {
            Path d = Files.createDirectories(dir.resolve("g" + gzip));
            writeFashionLayout(d, "train", gzip);
            InMemoryDataset ds = FashionMnist.load(d, true);
            assertThat(ds.size()).isEqualTo(3);
            assertThat(ds.height()).isEqualTo(2);
            assertThat(ds.width()).isEqualTo(3);
            assertThat(ds.channels()).isEqualTo(1);
            assertThat(new int[] {ds.label(0), ds.label(1), ds.label(2)}).containsExactly(9, 0, 4);
            float[] img = new float[6];
            ds.pixels(2, img, 0);
            assertThat(img).containsExactly(168, 182, 196, 210, 224, 238);
        }
    }

    @Test
    void truncatedFileIsReportedWithFileAndOffset() throws IOException {
        byte[] full = idx(new int[] {2, 2, 2}, new byte[8]);
        Path f = write(dir.resolve("cut-idx3-ubyte.gz"), java.util.Arrays.copyOf(full, full.length - 3), true);
        assertThatThrownBy(() -> IdxFiles.read(f)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("offset 21").hasMessageContaining("truncated");
    }

    @Test
    void wrongMagicAndUnsupportedTypeAreRefusedWithTheirOffset() throws IOException {
        Path png = write(dir.resolve("a.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 0}, false);
        assertThatThrownBy(() -> IdxFiles.read(png)).hasMessageContaining("a.png").hasMessageContaining("offset 0").hasMessageContaining("not an IDX");
        byte[] floats = idx(new int[] {1}, new byte[4]);
        floats[2] = 0x0d;
        Path f = write(dir.resolve("f.idx"), floats, false);
        assertThatThrownBy(() -> IdxFiles.read(f)).hasMessageContaining("offset 2").hasMessageContaining("0x0d");
    }

    @Test
    void labelOutsideTheClassesIsRefusedWithItsOffset() throws IOException {
        Path img = write(dir.resolve("i"), idx(new int[] {2, 1, 1}, new byte[2]), false);
        Path lab = write(dir.resolve("l"), idx(new int[] {2}, new byte[] {1, 12}), false);
        assertThatThrownBy(() -> IdxFiles.dataset(img, lab, FashionMnist.CLASSES)).hasMessageContaining("offset 9").hasMessageContaining("label 12");
        Path few = write(dir.resolve("few"), idx(new int[] {1}, new byte[] {1}), false);
        assertThatThrownBy(() -> IdxFiles.dataset(img, few, List.of("a", "b"))).hasMessageContaining("1 labels for 2 images");
    }
}
