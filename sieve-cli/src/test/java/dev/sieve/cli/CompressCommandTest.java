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
        Path noModels = dir.resolve("no-models");
        CliRun r = CliRun.of("compress", "-o", out.toString(), "--json", "--models-dir", noModels.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("mode").asText()).isEqualTo("direct");
        assertThat(j.get("saliency").asText()).startsWith("auto msroi-scenes");
        assertThat(j.get("saliency_sources").findValuesAsText("source")).containsExactly("boundary", "msroi", "spectral", "center", "focus");
        assertThat(j.get("saliency_note").asText()).isEqualTo("auto runs without detectors objects, faces, people: models directory "
                + noModels + " does not exist (scripts/fetch-models " + noModels + " fetches them)");
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
    void aMapItCannotTrustGivesThePlainJpegAndSaysSo() throws Exception {
        Path in = dir.resolve("in.png");
        ImageIO.write(gradient(64, 48, BufferedImage.TYPE_3BYTE_BGR), "png", in.toFile());
        Path black = dir.resolve("black.png");
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY), "png", black.toFile());
        Path out = dir.resolve("o.jpg"), plain = dir.resolve("p.jpg");
        CliRun r = CliRun.of("compress", in.toString(), "-o", out.toString(), "--map", black.toString(), "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("mode").asText()).isEqualTo("plain");
        assertThat(j.get("saliency_fallback").asText()).startsWith("map refused (empty").endsWith("encoding plain JPEG");
        CliRun p = CliRun.of("compress", in.toString(), "-o", plain.toString(), "--mode", "plain");
        assertThat(p.exitCode()).as(p.err()).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(plain));
        CliRun text = CliRun.of("compress", in.toString(), "-o", dir.resolve("t.jpg").toString(), "--map", black.toString());
        assertThat(text.out()).contains("fallback   map refused (empty");
    }

    @Test
    void evalSaliencyScoresSourcesAgainstBoxesAndRefusesAMissingPhoto() throws Exception {
        Path photos = Files.createDirectories(dir.resolve("photos"));
        BufferedImage img = new BufferedImage(96, 64, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 96; x++) {
                boolean in = x >= 40 && x < 72 && y >= 16 && y < 48;
                img.setRGB(x, y, in ? 0xD02020 : 0x808080 + ((x * 3 + y * 5) % 16));
            }
        }
        ImageIO.write(img, "png", photos.resolve("square.png").toFile());
        Path boxes = dir.resolve("boxes.csv");
        Files.writeString(boxes, "name,source,halvings,split,x0,y0,x1,y1,subject\nsquare,made,0,test,0.4167,0.25,0.75,0.75,red square\n");
        Path out = dir.resolve("report");
        CliRun r = CliRun.of("eval", "saliency", photos.toString(), "--boxes", boxes.toString(), "--sources", "auto,center", "-d", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("| auto | 1 |", "| center | 1 |", "| boxes (the answer) | 1 | 1.000 |");
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(s.get("sources").findValuesAsText("source")).containsExactly("auto", "center", "boxes (the answer)");
        assertThat(Files.readAllLines(out.resolve("results.csv"))).hasSize(4);
        Files.writeString(boxes, "name,source,halvings,split,x0,y0,x1,y1,subject\nmissing,made,0,test,0.1,0.1,0.5,0.5,x\n");
        CliRun bad = CliRun.of("eval", "saliency", photos.toString(), "--boxes", boxes.toString(), "-d", dir.resolve("r2").toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err().strip()).doesNotContain("\n").contains("missing.png: missing");
    }

    @Test
    void helpExplainsTheModes() {
        CliRun r = CliRun.of("compress", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Algorithm 1").contains("--match-quality").contains("spectral residual")
                .contains("auto").contains("not trusted");
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
