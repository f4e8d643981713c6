package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompressCommandTest {
    @TempDir
    Path dir;

    @Test
    void compressesTheBuiltInPhotoToADecodableJpegOfTheReferenceSize() throws Exception {
        Path out = dir.resolve("k.jpg");
        CliRun r = CliRun.of("compress", "-o", out.toString(), "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("mode").asText()).isEqualTo("direct");
        assertThat(j.get("saliency").asText()).startsWith("msroi msroi-scenes");
        assertThat(j.get("within_tolerance").asBoolean()).isTrue();
        assertThat(Math.abs(j.get("size_deviation").asDouble())).isLessThanOrEqualTo(0.01);
        assertThat(j.get("bytes").asLong()).isEqualTo(Files.size(out));
        BufferedImage img = ImageIO.read(out.toFile());
        assertThat(img.getWidth()).isEqualTo(768);
        assertThat(img.getHeight()).isEqualTo(512);
    }

    @Test
    void textReportNamesSizesAndChosenParameters() throws Exception {
        Path in = dir.resolve("in.png");
        ImageIO.write(gradient(40, 24, BufferedImage.TYPE_3BYTE_BGR), "png", in.toFile());
        Path map = dir.resolve("map.png");
        ImageIO.write(gradient(5, 3, BufferedImage.TYPE_BYTE_GRAY), "png", map.toFile());
        CliRun r = CliRun.of("compress", in.toString(), "-o", dir.resolve("o.jpg").toString(), "--map", map.toString(),
                "--mode", "mosaic", "--target-bytes", "1500", "--tolerance", "0.2");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("mode       mosaic").contains("Q_f").contains("target 1500 bytes").contains("map ");
    }

    @Test
    void missingInputIsOneLineAndExitOneWithoutOutput() {
        Path out = dir.resolve("x.jpg");
        CliRun r = CliRun.of("compress", dir.resolve("nope.png").toString(), "-o", out.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().strip()).doesNotContain("\n").contains("nope.png: no such file");
        assertThat(out).doesNotExist();
    }

    @Test
    void brokenAndTruncatedFilesAreOneLineErrors() throws Exception {
        Path garbage = dir.resolve("garbage.png");
        Files.write(garbage, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        CliRun r = CliRun.of("compress", garbage.toString(), "-o", dir.resolve("g.jpg").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().strip()).doesNotContain("\n").contains("garbage.png");

        Path good = dir.resolve("good.png");
        ImageIO.write(gradient(64, 64, BufferedImage.TYPE_3BYTE_BGR), "png", good.toFile());
        byte[] all = Files.readAllBytes(good);
        Path cut = dir.resolve("cut.png");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        CliRun c = CliRun.of("compress", cut.toString(), "-o", dir.resolve("c.jpg").toString());
        assertThat(c.exitCode()).isEqualTo(1);
        assertThat(c.err().strip()).doesNotContain("\n").contains("cut.png");
        assertThat(dir.resolve("c.jpg")).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.filter(p -> p.toString().endsWith(".part"))).isEmpty();
        }
    }

    @Test
    void sixteenBitImagesAreRefusedWithAClearMessage() throws Exception {
        Path in = dir.resolve("deep.png");
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_USHORT_GRAY), "png", in.toFile());
        CliRun r = CliRun.of("compress", in.toString(), "-o", dir.resolve("d.jpg").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("16-bit");
    }

    @Test
    void neverOverwritesTheInput() throws Exception {
        Path in = dir.resolve("photo.jpg");
        ImageIO.write(gradient(32, 32, BufferedImage.TYPE_3BYTE_BGR), "jpeg", in.toFile());
        byte[] before = Files.readAllBytes(in);
        CliRun r = CliRun.of("compress", in.toString(), "-o", in.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("refusing to overwrite an input");
        assertThat(Files.readAllBytes(in)).isEqualTo(before);
    }

    @Test
    void absurdParametersAreRejected() {
        assertThat(CliRun.of("compress", "--quality", "0", "-o", dir.resolve("a.jpg").toString()).err()).contains("1..100");
        assertThat(CliRun.of("compress", "--mode", "fancy", "-o", dir.resolve("a.jpg").toString()).err()).contains("--mode");
        assertThat(CliRun.of("compress", "--levels", "0", "-o", dir.resolve("a.jpg").toString()).err()).contains("levels");
        assertThat(CliRun.of("compress", "--match-quality", "40", "--target-bytes", "100").exitCode()).isEqualTo(2);
        assertThat(dir.resolve("a.jpg")).doesNotExist();
    }

    @Test
    void helpExplainsTheModes() {
        CliRun r = CliRun.of("compress", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Algorithm 1").contains("--match-quality").contains("spectral residual");
    }

    static BufferedImage gradient(int w, int h, int type) {
        BufferedImage img = new BufferedImage(w, h, type);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = (x * 255 / Math.max(1, w - 1)) & 0xFF;
                img.setRGB(x, y, (v << 16) | ((y * 7 & 0xFF) << 8) | (255 - v));
            }
        }
        return img;
    }
}
