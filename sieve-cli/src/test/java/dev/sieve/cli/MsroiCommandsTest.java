package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sieve scenes} → {@code sieve train msroi} → {@code sieve saliency / eval msroi / compress} end to end on tiny data. */
class MsroiCommandsTest {
    @TempDir
    static Path dir;

    static Path model;
    static JsonNode trainReport;

    @BeforeAll
    static void makeScenesAndTrain() throws IOException {
        Path objects = dir.resolve("objects"), backgrounds = dir.resolve("bg");
        String[] classes = {"red", "blue"};
        for (int c = 0; c < classes.length; c++) {
            for (int i = 0; i < 5; i++) {
                BufferedImage img = new BufferedImage(30 + i, 30, BufferedImage.TYPE_INT_ARGB);
                for (int y = 3; y < 27; y++) {
                    for (int x = 3; x < 27; x++) {
                        img.setRGB(x, y, 0xFF000000 | (c == 0 ? 0xD02010 : 0x1020D0));
                    }
                }
                Path f = objects.resolve(classes[c]).resolve("o" + i + ".png");
                Files.createDirectories(f.getParent());
                ImageIO.write(img, "png", f.toFile());
            }
        }
        Files.createDirectories(backgrounds);
        BufferedImage bg = new BufferedImage(80, 80, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 80; y++) {
            for (int x = 0; x < 80; x++) {
                bg.setRGB(x, y, 0x606060 + ((x + y) % 16) * 0x010101);
            }
        }
        ImageIO.write(bg, "png", backgrounds.resolve("p.png").toFile());
        for (String split : new String[] {"train", "test"}) {
            CliRun r = CliRun.of("scenes", "--objects", objects.toString(), "--backgrounds", backgrounds.toString(), "--split", "all",
                    "--count", split.equals("train") ? "160" : "24", "--size", "32", "--seed", split.equals("train") ? "1" : "2",
                    "-d", dir.resolve("scenes").resolve(split).toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
        }
        CliRun t = CliRun.of("train", "msroi", "--data", dir.resolve("scenes").toString(), "--arch", "msroi-2-8x4", "--size", "32",
                "--epochs", "2", "--batch-size", "16", "--lr", "0.003", "--out-dir", dir.resolve("run").toString());
        assertThat(t.exitCode()).as(t.err()).isZero();
        trainReport = new ObjectMapper().readTree(t.out());
        model = dir.resolve("run").resolve("model.safetensors");
    }

    @Test
    void trainMsroiWritesACheckpointAndAReport() throws IOException {
        assertThat(model).exists();
        assertThat(dir.resolve("run").resolve("curves.png")).exists();
        assertThat(dir.resolve("run").resolve("log.csv")).exists();
    }

    @Test
    void trainMsroiReportsItsOwnDefaultsBesideTheGivenOptions() {
        assertThat(trainReport.get("schema").asText()).isEqualTo("sieve.train.msroi");
        assertThat(trainReport.get("optimizer").asText()).isEqualTo("adam");
        assertThat(trainReport.get("schedule").asText()).isEqualTo("step");
        assertThat(trainReport.get("batch_size").asInt()).isEqualTo(16);
        assertThat(trainReport.get("learning_rate").asDouble()).isCloseTo(0.003, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(trainReport.get("epochs").asInt()).isEqualTo(2);
    }

    @Test
    void trainMsroiWithoutAnOutputFolderFailsWithOneLine() {
        CliRun r = CliRun.of("train", "msroi", "--data", dir.resolve("scenes").toString());
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("--out-dir");
    }

    @Test
    void saliencyOfANonSquareImageHasItsSizeAndNamesTheSelectedClasses() throws IOException {
        BufferedImage img = new BufferedImage(70, 45, BufferedImage.TYPE_INT_RGB);
        for (int y = 10; y < 30; y++) {
            for (int x = 40; x < 60; x++) {
                img.setRGB(x, y, 0xD02010);
            }
        }
        Path photo = dir.resolve("photo.png"), map = dir.resolve("map.png");
        ImageIO.write(img, "png", photo.toFile());
        CliRun r = CliRun.of("saliency", "--saliency", "msroi", "--saliency-model", model.toString(), "--msroi-size", "0", "--json", photo.toString(), "-o", map.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        BufferedImage m = ImageIO.read(map.toFile());
        assertThat(m.getWidth()).isEqualTo(70);
        assertThat(m.getHeight()).isEqualTo(45);
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("method").asText()).isEqualTo("msroi");
        assertThat(j.get("classes").size()).isEqualTo(2);
    }

    @Test
    void evalMsroiScoresEveryMethodOnTheHeldOutScenes() throws IOException {
        Path out = dir.resolve("eval");
        CliRun r = CliRun.of("eval", "msroi", "--data", dir.resolve("scenes").resolve("test").toString(), "--model", model.toString(),
                "-d", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(j.get("schema").asText()).isEqualTo("sieve.eval.msroi");
        assertThat(j.get("scenes").asInt()).isEqualTo(24);
        for (String m : new String[] {"msroi", "msroi-rank", "msroi-features", "msroi-threshold", "aug-msroi", "spectral", "center"}) {
            assertThat(j.get("methods").get(m).get("mass").asDouble()).isBetween(0.0, 1.0);
        }
        assertThat(Files.readAllLines(out.resolve("table.csv"))).hasSize(8);
        CliRun classifier = CliRun.of("eval", "msroi", "--data", dir.resolve("scenes").resolve("test").toString(), "--model", "fashion-c3-32",
                "-d", dir.resolve("eval-classifier").toString());
        assertThat(classifier.exitCode()).isEqualTo(1);
        assertThat(classifier.err().strip()).as("the library's message, the CLI's hint").doesNotContain("\n")
                .contains("fashion-c3-32: not an MS-ROI network", "(train one with 'sieve train msroi'");
    }

    @Test
    void trainMsroiRefusesAClassifierArchitectureWithOneLine() {
        CliRun r = CliRun.of("train", "msroi", "--data", dir.resolve("scenes").toString(), "--arch", "c3-32", "-d", dir.resolve("x").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("not an MS-ROI architecture");
    }
}
