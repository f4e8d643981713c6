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
    void imageExtensionsAreTheReadableFormatsInAnyCase() {
        assertThat(ImageFiles.hasImageExtension(Path.of("a/b.PNG"))).isTrue();
        assertThat(ImageFiles.hasImageExtension(Path.of("x.tar.JpEg"))).isTrue();
        assertThat(ImageFiles.hasImageExtension(Path.of("x.tif"))).isTrue();
        assertThat(ImageFiles.hasImageExtension(Path.of("notes.txt"))).isFalse();
        assertThat(ImageFiles.hasImageExtension(Path.of(".png"))).isFalse();
        assertThat(ImageFiles.hasImageExtension(Path.of("png"))).isFalse();
        assertThat(ImageFiles.hasImageExtension(Path.of("/"))).isFalse();
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
        assertThatThrownBy(() -> ImageFiles.read(Path.of("/dev/null"))).hasMessage("/dev/null: not a regular file (a device or pipe); save the image to a file first");
        Path text = Files.writeString(dir.resolve("t.png"), "hello, not an image");
        assertThatThrownBy(() -> ImageFiles.read(text)).hasMessageContaining("not a PNG, JPEG");
        Path deep = dir.resolve("deep.png");
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_USHORT_GRAY), "png", deep.toFile());
        assertThatThrownBy(() -> ImageFiles.read(deep)).hasMessageContaining("16-bit");
    }

    static Path hostile(String name) throws Exception {
        return Path.of(ImageFilesTest.class.getResource("ImageFilesFuzzTestInputs/decodesOrRefusesWithImageFormatException/" + name).toURI());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bomb-40000x40000.jpg", "bomb-30000x30000.png"})
    void declaredSizeOverThePixelLimitIsRefusedBeforeDecoding(String name) throws Exception {
        Path f = hostile(name);
        long before = usedHeap();
        assertThatThrownBy(() -> ImageFiles.read(f))
                .isInstanceOf(ImageFormatException.class)
                .hasMessageMatching(".*" + name + ": \\d+ x \\d+ = \\d+ pixels, over the limit of 100000000 pixels");
        assertThat(usedHeap() - before).isLessThan(200L << 20);
        assertThatThrownBy(() -> ImageFiles.read(hostile("photo.jpg"), ImageReadOptions.STRICT.withMaxPixels(64 * 48 - 1)))
                .hasMessageContaining("64 x 48 = 3072 pixels, over the limit of 3071 pixels");
        assertThat(ImageFiles.read(hostile("photo.jpg"), ImageReadOptions.STRICT.withMaxPixels(64 * 48)).pixels()).isEqualTo(64 * 48);
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    @Test
    void truncatedJpegIsAnErrorNamingWhereTheDataEndsUnlessLenient() throws Exception {
        Path f = hostile("truncated.jpg");
        assertThatThrownBy(() -> ImageFiles.read(f))
                .hasMessageEndingWith("truncated.jpg: truncated JPEG data at byte " + Files.size(f));
        Planar partial = ImageFiles.read(f, ImageReadOptions.STRICT.withLenient(true));
        assertThat(partial.width()).isEqualTo(64);
        assertThat(partial.height()).isEqualTo(48);
    }

    @Test
    void truncatedPngIsAnError() throws Exception {
        assertThatThrownBy(() -> ImageFiles.read(hostile("truncated.png")))
                .isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("truncated.png: ");
    }

    @Test
    void grayWithAlphaStaysTheStoredGrayAndOneChannel() throws Exception {
        Planar p = ImageFiles.read(hostile("gray60-alpha.png"));
        assertThat(p.channels()).isEqualTo(1);
        assertThat(p.get(0, 1, 1)).isEqualTo(60f);
        assertThat(p.get(0, 0, 0)).isEqualTo(255f);
        assertThat(ImageFiles.read(hostile("gray60-alpha.png"), ImageReadOptions.STRICT.withBackground(0)).get(0, 0, 0)).isEqualTo(0f);
    }

    @Test
    void cmykAndMultiFrameFilesAreRefusedWithTheReason() throws Exception {
        assertThatThrownBy(() -> ImageFiles.read(hostile("cmyk.jpg"))).hasMessageEndingWith("cmyk.jpg: CMYK images are not supported; convert to RGB first");
        assertThatThrownBy(() -> ImageFiles.read(hostile("animated.gif"))).hasMessageContaining("animated.gif: GIF with 3 frames");
        assertThat(ImageFiles.read(hostile("animated.gif"), ImageReadOptions.STRICT.withLenient(true)).width()).isEqualTo(8);
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
