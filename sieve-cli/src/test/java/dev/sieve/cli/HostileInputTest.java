package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each finding of the hostile-input review: one line, the right exit code, nothing written. */
class HostileInputTest {
    @TempDir
    Path dir;

    private Path photo() throws Exception {
        Path f = dir.resolve("photo.jpg");
        if (!Files.exists(f)) {
            BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_3BYTE_BGR);
            for (int y = 0; y < 48; y++) {
                for (int x = 0; x < 64; x++) {
                    img.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | ((x * y) & 0xFF));
                }
            }
            ImageIO.write(img, "jpeg", f.toFile());
        }
        return f;
    }

    /** A valid JPEG whose frame header declares 40000 × 40000 pixels. */
    private Path jpegBomb() throws Exception {
        byte[] b = Files.readAllBytes(photo());
        for (int i = 0; i + 8 < b.length; i++) {
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xC0) {
                b[i + 5] = (byte) (40000 >> 8);
                b[i + 6] = (byte) 40000;
                b[i + 7] = (byte) (40000 >> 8);
                b[i + 8] = (byte) 40000;
                return Files.write(dir.resolve("bomb.jpg"), b);
            }
        }
        throw new AssertionError("no SOF0 marker");
    }

    private void assertOneLineFailure(CliRun r, int code, String message) throws Exception {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(code);
        assertThat(r.err().strip()).doesNotContain("\n").doesNotContain("Exception").contains(message);
        try (var files = Files.list(dir)) {
            assertThat(files.filter(p -> p.toString().endsWith(".part") || p.toString().endsWith(".out.jpg"))).isEmpty();
        }
    }

    @Test
    void decompressionBombIsRefusedFromItsHeaderInEveryImageCommand() throws Exception {
        Path bomb = jpegBomb();
        String out = dir.resolve("x.out.jpg").toString();
        assertOneLineFailure(CliRun.of("compress", bomb.toString(), "-o", out), 1, "40000 x 40000 = 1600000000 pixels, over the limit");
        assertOneLineFailure(CliRun.of("metrics", photo().toString(), bomb.toString()), 1, "over the limit of 100000000 pixels");
        assertOneLineFailure(CliRun.of("deflect", bomb.toString(), "-o", dir.resolve("d.png").toString()), 1, "over the limit");
        assertOneLineFailure(CliRun.of("compress", photo().toString(), "-o", out, "--map", bomb.toString()), 1, "bomb.jpg: 40000 x 40000");
    }

    @Test
    void maxPixelsIsAGlobalOptionAndResetsBetweenRuns() throws Exception {
        String out = dir.resolve("small.jpg").toString();
        assertOneLineFailure(CliRun.of("compress", photo().toString(), "-o", dir.resolve("y.out.jpg").toString(), "--max-pixels", "3071", "--mode", "plain"),
                1, "64 x 48 = 3072 pixels, over the limit of 3071 pixels");
        CliRun ok = CliRun.of("compress", photo().toString(), "-o", out, "--mode", "plain");
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(CliRun.of("compress", "--max-pixels", "0").exitCode()).isEqualTo(2);
    }

    @Test
    void truncatedJpegIsRefusedAsInputAndAsMapUnlessLenient() throws Exception {
        byte[] all = Files.readAllBytes(photo());
        Path cut = Files.write(dir.resolve("cut.jpg"), Arrays.copyOf(all, all.length / 10 + 700));
        String out = dir.resolve("t.out.jpg").toString();
        String expected = "cut.jpg: truncated JPEG data at byte " + Files.size(cut);
        assertOneLineFailure(CliRun.of("compress", cut.toString(), "-o", out), 1, expected);
        assertOneLineFailure(CliRun.of("metrics", photo().toString(), cut.toString()), 1, expected);
        assertOneLineFailure(CliRun.of("compress", photo().toString(), "-o", out, "--map", cut.toString()), 1, expected);
        CliRun lenient = CliRun.of("compress", cut.toString(), "-o", out, "--mode", "plain", "--lenient");
        assertThat(lenient.exitCode()).as(lenient.err()).isZero();
        assertThat(Path.of(out)).exists();
    }

    @Test
    void deviceNodeSymlinkAndFolderOutputsAreRefusedBeforeTheWork() throws Exception {
        assertOneLineFailure(CliRun.of("compress", photo().toString(), "-o", "/dev/null"), 1,
                "/dev/null: exists and is not a regular file (a device, pipe or symbolic link); refusing to replace it");
        assertThat(Files.isRegularFile(Path.of("/dev/null"))).isFalse();
        Path target = Files.writeString(dir.resolve("target.txt"), "keep");
        Path link = Files.createSymbolicLink(dir.resolve("link.png"), target);
        assertOneLineFailure(CliRun.of("deflect", photo().toString(), "-o", link.toString()), 1, "not a regular file");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(target)).isEqualTo("keep");
        Path folder = Files.createDirectory(dir.resolve("folder.jpg"));
        assertOneLineFailure(CliRun.of("compress", photo().toString(), "-o", folder.toString()), 1, "is a folder");
        assertOneLineFailure(CliRun.of("compress", photo().toString(), "-o", dir.resolve("no/such/x.jpg").toString()), 1, "does not exist");
    }

    @Test
    void opaqueGrayWithAlphaStaysTheSameGray() throws Exception {
        BufferedImage ga = new BufferedImage(
                new java.awt.image.ComponentColorModel(java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_GRAY),
                        true, false, java.awt.Transparency.TRANSLUCENT, java.awt.image.DataBuffer.TYPE_BYTE),
                java.awt.image.Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE, 16, 16, 2, null), false, null);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                ga.getRaster().setSample(x, y, 0, 60);
                ga.getRaster().setSample(x, y, 1, 255);
            }
        }
        Path in = dir.resolve("ga.png");
        assertThat(ImageIO.write(ga, "png", in.toFile())).isTrue();
        Path out = dir.resolve("ga-out.png");
        CliRun r = CliRun.of("denoise", in.toString(), "-o", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        BufferedImage back = ImageIO.read(out.toFile());
        assertThat(back.getRaster().getSample(8, 8, 0)).isEqualTo(60);
    }

    @Test
    void badOptionValuesAndCombinationsExitTwo() throws Exception {
        String out = dir.resolve("z.out.jpg").toString();
        assertOneLineFailure(CliRun.of("compress", photo().toString(), "-o", out, "--quality", "50", "--target-bytes", "900"), 2,
                "--quality fixes the quality, so it cannot be combined with --target-bytes");
        assertOneLineFailure(CliRun.of("compress", photo().toString(), "-o", out, "--tune", "loud"), 2, "see 'sieve compress --help'");
        assertOneLineFailure(CliRun.of("compress", photo().toString(), "-o", out, "--msroi-size", "4096"), 2, "1..2048 px, got 4096");
        assertOneLineFailure(CliRun.of("compress", photo().toString(), "-o", out, "--quality", "0"), 2, "1..100");
        assertOneLineFailure(CliRun.of("defend", photo().toString(), "-o", dir.resolve("p.png").toString(), "--pipeline", "deflect:k=x"), 2,
                "stage 'deflect': k must be an integer, got 'x'");
    }

    @Test
    void hugeBadValuesAreCutAndStagePrefixesNotRepeated() throws Exception {
        String key = "x".repeat(120_000);
        CliRun r = CliRun.of("defend", photo().toString(), "-o", dir.resolve("p.png").toString(), "--pipeline", "deflect:" + key + "=1");
        assertOneLineFailure(r, 2, "unknown parameter 'xxxxxxxx");
        assertThat(r.err().length()).isLessThan(600);
        CliRun w = CliRun.of("defend", photo().toString(), "-o", dir.resolve("p.png").toString(), "--pipeline", "deflect:k=-5");
        assertThat(w.err()).containsOnlyOnce("stage 'deflect'");
    }

    @Test
    void overlayOnTheMapOutputIsRefused() throws Exception {
        Path map = dir.resolve("m.png");
        CliRun r = CliRun.of("saliency", photo().toString(), "-o", map.toString(), "--overlay", map.toString(), "--saliency", "spectral");
        assertOneLineFailure(r, 1, "refusing to overwrite an input file or another output");
        assertThat(map).doesNotExist();
    }

    @Test
    void transparentMapPixelsAreNotSalient() throws Exception {
        BufferedImage m = new BufferedImage(64, 48, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                m.setRGB(x, y, x < 32 ? 0x00FFFFFF : 0xFFFFFFFF);
            }
        }
        Path map = dir.resolve("alpha-map.png");
        ImageIO.write(m, "png", map.toFile());
        Path saved = dir.resolve("saved.png");
        CliRun r = CliRun.of("compress", photo().toString(), "-o", dir.resolve("a.jpg").toString(), "--map", map.toString(),
                "--save-map", saved.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        BufferedImage back = ImageIO.read(saved.toFile());
        assertThat(back.getRaster().getSample(5, 5, 0)).isZero();
        assertThat(back.getRaster().getSample(60, 5, 0)).isEqualTo(255);
    }

    @Test
    void animatedInputIsRefusedNotCutToItsFirstFrame() throws Exception {
        BufferedImage frame = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_INDEXED);
        Path gif = dir.resolve("anim.gif");
        var writer = ImageIO.getImageWritersByFormatName("gif").next();
        try (var out = ImageIO.createImageOutputStream(gif.toFile())) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            writer.writeToSequence(new javax.imageio.IIOImage(frame, null, null), null);
            writer.writeToSequence(new javax.imageio.IIOImage(frame, null, null), null);
            writer.endWriteSequence();
        }
        assertOneLineFailure(CliRun.of("compress", gif.toString(), "-o", dir.resolve("g.out.jpg").toString()), 1, "GIF with 2 frames");
    }

    @Test
    void dashWritesTheJpegToStandardOutputAndTheReportToStandardError() throws Exception {
        java.io.PrintStream saved = System.out;
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        CliRun r;
        try {
            System.setOut(new java.io.PrintStream(bytes, true));
            r = CliRun.of("compress", photo().toString(), "-o", "-", "--mode", "plain", "--json");
        } finally {
            System.setOut(saved);
        }
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("\"bytes\" : " + bytes.size());
        BufferedImage img = ImageIO.read(new java.io.ByteArrayInputStream(bytes.toByteArray()));
        assertThat(img.getWidth()).isEqualTo(64);
        assertThat(Path.of("-")).doesNotExist();
    }

    @Test
    void standardInputToStandardOutputWorksAsAPipe() throws Exception {
        java.io.InputStream savedIn = System.in;
        java.io.PrintStream savedOut = System.out;
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        CliRun r;
        CliRun broken;
        try {
            System.setIn(new java.io.ByteArrayInputStream(Files.readAllBytes(photo())));
            System.setOut(new java.io.PrintStream(bytes, true));
            r = CliRun.of("compress", "-", "--mode", "plain");
            System.setIn(new java.io.ByteArrayInputStream(new byte[] {1, 2, 3}));
            broken = CliRun.of("compress", "-", "--mode", "plain");
        } finally {
            System.setIn(savedIn);
            System.setOut(savedOut);
        }
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(ImageIO.read(new java.io.ByteArrayInputStream(bytes.toByteArray())).getWidth()).isEqualTo(64);
        assertThat(r.err()).contains("stdin (64x48) -> -");
        assertThat(broken.exitCode()).isEqualTo(1);
        assertThat(broken.err().strip()).isEqualTo("sieve compress: standard input: not a PNG, JPEG, BMP, GIF or TIFF image");
    }
}
