package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchTest {
    @TempDir
    Path dir;

    /** photos/a.png, photos/sub/b.jpg, photos/notes.txt and photos/sub/broken.png (not an image). */
    private Path photos() throws Exception {
        Path photos = Files.createDirectories(dir.resolve("photos").resolve("sub")).getParent();
        ImageIO.write(CompressCommandTest.gradient(48, 32, BufferedImage.TYPE_3BYTE_BGR), "png", photos.resolve("a.png").toFile());
        ImageIO.write(CompressCommandTest.gradient(40, 40, BufferedImage.TYPE_3BYTE_BGR), "jpeg", photos.resolve("sub/b.jpg").toFile());
        Files.writeString(photos.resolve("notes.txt"), "not an image");
        Files.write(photos.resolve("sub/broken.png"), new byte[] {1, 2, 3, 4});
        return photos;
    }

    @Test
    void compressesAFolderInParallelToTheBytesOfOneAtATimeAndReportsTheBrokenFileWithoutStopping() throws Exception {
        Path photos = photos();
        Path out = dir.resolve("out");
        CliRun r = CliRun.of("compress", photos.toString(), "-d", out.toString(), "--jobs", "2");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.err().strip()).doesNotContain("\n").contains("broken.png");
        List<String> lines = r.out().strip().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains("a.png -> ").contains(out.resolve("a.jpg").toString()).contains("bytes").contains("x plain JPEG Q50")
                .contains("PSNR");
        assertThat(lines.get(1)).contains(out.resolve("sub/b.jpg").toString());
        assertThat(lines.get(2)).startsWith("3 files, 2 written, 1 failed");
        assertThat(out.resolve("sub/broken.jpg")).doesNotExist();
        assertThat(out.resolve("notes.jpg")).doesNotExist();
        for (String name : new String[] {"a", "sub/b"}) {
            Path alone = dir.resolve(name.replace('/', '-') + "-alone.jpg");
            String in = photos.resolve(name + (name.equals("a") ? ".png" : ".jpg")).toString();
            CliRun one = CliRun.of("compress", in, "-o", alone.toString());
            assertThat(one.exitCode()).as(one.err()).isZero();
            assertThat(Files.readAllBytes(out.resolve(name + ".jpg"))).as(name).isEqualTo(Files.readAllBytes(alone));
        }
    }

    @Test
    void jsonGivesOneDocumentPerFileAndATotalsLine() throws Exception {
        Path photos = photos();
        Path a = photos.resolve("a.png"), b = photos.resolve("sub/b.jpg");
        CliRun r = CliRun.of("compress", a.toString(), b.toString(), "-d", dir.resolve("o").toString(), "--saliency", "spectral", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<JsonNode> docs = new ArrayList<>();
        for (String line : r.out().strip().split("\n")) {
            docs.add(new ObjectMapper().readTree(line));
        }
        assertThat(docs).hasSize(3);
        assertThat(docs.get(0).get("schema").asText()).isEqualTo("sieve.compress");
        assertThat(docs.get(0).get("version").asInt()).isEqualTo(1);
        assertThat(docs.get(0).get("input").asText()).isEqualTo(a.toString());
        assertThat(docs.get(1).get("output").asText()).isEqualTo(dir.resolve("o/b.jpg").toString());
        assertThat(docs.get(1).get("bytes").asLong()).isEqualTo(Files.size(dir.resolve("o/b.jpg")));
        assertThat(docs.get(1).get("psnr").asDouble()).isBetween(20.0, 60.0);
        assertThat(docs.get(2).get("schema").asText()).isEqualTo("sieve.compress.totals");
        assertThat(docs.get(2).get("files").asInt()).isEqualTo(2);
        assertThat(docs.get(2).get("failed").asInt()).isZero();
    }

    @Test
    void denoiseAndDefendTakeFoldersTooWithTheBytesOfOneAtATime() throws Exception {
        Path photos = photos();
        Files.delete(photos.resolve("sub/broken.png"));
        for (String command : new String[] {"denoise", "defend"}) {
            Path out = dir.resolve(command);
            CliRun r = CliRun.of(command, photos.toString(), "-d", out.toString(), "-j", "2");
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).contains(out.resolve("a.png").toString()).contains("PSNR").contains("2 files, 2 written, 0 failed");
            Path alone = dir.resolve(command + "-b.png");
            assertThat(CliRun.of(command, photos.resolve("sub/b.jpg").toString(), "-o", alone.toString()).exitCode()).isZero();
            assertThat(Files.readAllBytes(out.resolve("sub/b.png"))).isEqualTo(Files.readAllBytes(alone));
        }
    }

    @Test
    void refusesAmbiguousOutputsAndNeverWritesOverAnInput() throws Exception {
        Path photos = photos();
        Path a = photos.resolve("a.png");
        CliRun several = CliRun.of("compress", a.toString(), photos.resolve("sub/b.jpg").toString());
        assertThat(several.exitCode()).isEqualTo(2);
        assertThat(several.err()).contains("-d");
        assertThat(CliRun.of("compress", a.toString(), "-d", dir.resolve("x").toString(), "-o", "y.jpg").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("denoise", a.toString()).err()).contains("missing -o");
        assertThat(CliRun.of("denoise", a.toString(), "-o", dir.resolve("j.png").toString(), "-j", "2").err()).contains("--jobs works with");

        Path jpg = photos.resolve("a.jpg");
        Files.copy(photos.resolve("sub/b.jpg"), jpg);
        byte[] before = Files.readAllBytes(jpg);
        CliRun over = CliRun.of("compress", a.toString(), jpg.toString(), "-d", photos.toString());
        assertThat(over.exitCode()).isEqualTo(2);
        assertThat(over.err().strip()).doesNotContain("\n").contains("would be written over the input");
        assertThat(Files.readAllBytes(jpg)).isEqualTo(before);

        Path twin = Files.createDirectories(dir.resolve("twin")).resolve("a.png");
        Files.copy(a, twin);
        CliRun clash = CliRun.of("denoise", a.toString(), twin.toString(), "-d", dir.resolve("d").toString());
        assertThat(clash.exitCode()).isEqualTo(2);
        assertThat(clash.err()).contains("would both be written to");
        assertThat(CliRun.of("compress", "-", a.toString(), "-d", dir.resolve("s").toString()).err()).contains("standard input");
    }

    @Test
    void quietPrintsNothingButErrors() throws Exception {
        Path photos = photos();
        CliRun r = CliRun.of("compress", photos.toString(), "-d", dir.resolve("q").toString(), "--quiet", "--saliency", "spectral");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).doesNotContain("\n").contains("broken.png");
        CliRun one = CliRun.of("-q", "deflect", photos.resolve("a.png").toString(), "-o", dir.resolve("d.png").toString());
        assertThat(one.exitCode()).as(one.err()).isZero();
        assertThat(one.out() + one.err()).isEmpty();
        assertThat(dir.resolve("d.png")).exists();
    }

    @Test
    void outputNamesKeepTheRelativePathWithTheNewExtension() {
        assertThat(Batch.withExtension("sub/x.y.png", ".jpg")).isEqualTo("sub/x.y.jpg");
        assertThat(Batch.withExtension("sub.d/noext", ".png")).isEqualTo("sub.d/noext.png");
        assertThat(Batch.withExtension(".hidden", ".png")).isEqualTo(".hidden.png");
    }
}
