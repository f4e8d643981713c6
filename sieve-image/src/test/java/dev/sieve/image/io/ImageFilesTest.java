package dev.sieve.image.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.image.Planar;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageFilesTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"png", "bmp", "gif", "tiff", "jpeg"})
    void readsEveryDocumentedFormat(String format) throws Exception {
        BufferedImage img = new BufferedImage(9, 5, BufferedImage.TYPE_3BYTE_BGR);
        img.setRGB(2, 3, 0xFF0000);
        Path f = dir.resolve("img." + format);
        assertThat(ImageIO.write(img, format, f.toFile())).isTrue();
        Planar p = ImageFiles.read(f);
        assertThat(p.width()).isEqualTo(9);
        assertThat(p.height()).isEqualTo(5);
        assertThat(p.channels()).isEqualTo(3);
    }

    @Test
    void pngRoundTripIsExactAndGrayStaysOneChannel() throws Exception {
        Planar gray = new Planar(3, 2, new float[] {0, 10, 20, 30, 40, 255});
        Path f = dir.resolve("g.png");
        ImageFiles.writePng(gray, f);
        assertThat(ImageFiles.read(f)).isEqualTo(gray);
        Planar rgb = new Planar(2, 1, new float[] {1, 2}, new float[] {3, 4}, new float[] {5, 6});
        ImageFiles.writePng(rgb, f);
        assertThat(ImageFiles.read(f)).isEqualTo(rgb);
    }

    @Test
    void alphaIsCompositedOverWhite() throws Exception {
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, 0x00000000);
        img.setRGB(1, 0, 0xFF000000);
        Path f = dir.resolve("a.png");
        ImageIO.write(img, "png", f.toFile());
        Planar p = ImageFiles.read(f);
        assertThat(p.get(0, 0, 0)).isEqualTo(255f);
        assertThat(p.get(0, 1, 0)).isEqualTo(0f);
    }

    @Test
    void badFilesGetOneLineMessagesNamingTheFile() throws Exception {
        assertThatThrownBy(() -> ImageFiles.read(dir.resolve("missing.png"))).hasMessageEndingWith("missing.png: no such file");
        Path empty = Files.createFile(dir.resolve("empty.png"));
        assertThatThrownBy(() -> ImageFiles.read(empty)).hasMessageContaining("empty file");
        Path text = Files.writeString(dir.resolve("t.png"), "hello, not an image");
        assertThatThrownBy(() -> ImageFiles.read(text)).hasMessageContaining("not a PNG, JPEG");
        Path deep = dir.resolve("deep.png");
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_USHORT_GRAY), "png", deep.toFile());
        assertThatThrownBy(() -> ImageFiles.read(deep)).hasMessageContaining("16-bit");
    }

    @Test
    void atomicWriteLeavesTheOldFileWhenWritingFails() throws Exception {
        Path f = dir.resolve("keep.txt");
        Files.writeString(f, "old");
        assertThatThrownBy(() -> AtomicFiles.write(f, out -> {
            out.write("partial".getBytes());
            throw new java.io.IOException("disk full");
        })).hasMessage("disk full");
        assertThat(Files.readString(f)).isEqualTo("old");
        try (var s = Files.list(dir)) {
            assertThat(s).containsExactly(f);
        }
    }

    @Test
    void refusesToWriteOverAnInput() throws Exception {
        Path in = Files.writeString(dir.resolve("in.png"), "x");
        assertThatThrownBy(() -> AtomicFiles.requireNotAnInput(dir.resolve("./in.png"), in))
                .hasMessageContaining("refusing to overwrite an input");
    }

    @Test
    void builtInPhotoIsTheKodakImage() {
        Planar k = SamplePhotos.kodim07();
        assertThat(k.width()).isEqualTo(768);
        assertThat(k.height()).isEqualTo(512);
        assertThat(k.channels()).isEqualTo(3);
    }
}
