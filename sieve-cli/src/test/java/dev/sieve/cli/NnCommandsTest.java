package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.image.Planar;
import dev.sieve.image.io.ImageFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The deep-learning commands end to end, in-process, on a tiny CIFAR-10-format data set. */
class NnCommandsTest {
    @TempDir
    static Path dir;
    static Path model;
    static Path photo;

    record Result(int exit, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = Sieve.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    /** 64 training and 32 test images of 32×32 in CIFAR-10 binary layout, class = brightness decile. */
    @BeforeAll
    static void trainTinyModel() throws IOException {
        Path data = Files.createDirectories(dir.resolve("cifar"));
        SplittableRandom rnd = new SplittableRandom(5);
        for (String name : new String[] {"data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4", "data_batch_5", "test_batch"}) {
            int n = name.startsWith("test") ? 32 : 16;
            byte[] b = new byte[n * 3073];
            for (int i = 0; i < n; i++) {
                int label = rnd.nextInt(10);
                b[i * 3073] = (byte) label;
                for (int p = 1; p < 3073; p++) {
                    b[i * 3073 + p] = (byte) Math.min(255, label * 25 + rnd.nextInt(20));
                }
            }
            Files.write(data.resolve(name + ".bin"), b);
        }
        Result r = run("train", "--arch", "c2-4-gap", "--data", data.toString(), "--epochs", "2", "--batch-size", "16",
                "--augment", "--out-dir", dir.resolve("run").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"schema\" : \"sieve.train\"", "\"test_accuracy\"").contains("\"optimizer\" : \"sgd\"").contains("\"schedule\" : \"fixed\"")
                .contains("\"augment\" : true");
        model = dir.resolve("run/model.safetensors");
        float[][] p = new float[3][40 * 30];
        for (float[] plane : p) {
            java.util.Arrays.fill(plane, 120f);
        }
        photo = dir.resolve("photo.png");
        ImageFiles.writePng(new Planar(40, 30, p), photo);
    }

    @Test
    void trainWritesCheckpointsLogAndCurves() throws IOException {
        Path run = dir.resolve("run");
        assertThat(run.resolve("epoch-001.safetensors")).exists();
        assertThat(run.resolve("epoch-002.safetensors")).exists();
        assertThat(Files.readAllLines(run.resolve("log.csv"))).hasSize(3).first().asString().startsWith("epoch,");
        assertThat(ImageIO.read(run.resolve("curves.png").toFile()).getWidth()).isEqualTo(800);
    }

    @Test
    void classifyListsTopClassesWithProbabilities() {
        Result r = run("classify", "--model", model.toString(), "--top", "3", photo.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().lines().filter(l -> l.contains("%"))).hasSize(3);
    }

    @Test
    void evalClassifyReportsTopOneAndTopFive() {
        Result r = run("eval", "classify", "--model", model.toString(), "--data", dir.resolve("cifar").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"schema\" : \"sieve.eval.classify\"", "\"images\" : 32", "\"top1\"", "\"top5\"", "\"images_per_second\"");
    }

    @Test
    void saliencyWritesMapOfTheImageSizeAndAnOverlay() throws IOException {
        Path map = dir.resolve("map.png"), overlay = dir.resolve("overlay.png");
        Result r = run("saliency", "--saliency", "rcam", "--saliency-model", model.toString(), photo.toString(), "-o", map.toString(),
                "--overlay", overlay.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(ImageIO.read(map.toFile()).getWidth()).isEqualTo(40);
        assertThat(ImageIO.read(map.toFile()).getHeight()).isEqualTo(30);
        assertThat(ImageIO.read(overlay.toFile()).getWidth()).isEqualTo(40);
    }

    @Test
    void badModelFileGivesOneLineAndNoOutput() throws IOException {
        Path junk = dir.resolve("junk.safetensors");
        Files.writeString(junk, "not a model");
        Path map = dir.resolve("never.png");
        Result r = run("saliency", "--saliency-model", junk.toString(), photo.toString(), "-o", map.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("junk.safetensors");
        assertThat(map).doesNotExist();
        Result missing = run("classify", "--model", dir.resolve("nope.safetensors").toString(), photo.toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("nope.safetensors").contains("no such model file");
    }

    @Test
    void badDataSetNamesTheFileAndOffset() throws IOException {
        Path bad = Files.createDirectories(dir.resolve("badcifar"));
        Files.write(bad.resolve("test_batch.bin"), new byte[3073 + 5]);
        Result r = run("eval", "classify", "--model", model.toString(), "--data", bad.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("test_batch.bin").contains("offset 3073");
    }
}
