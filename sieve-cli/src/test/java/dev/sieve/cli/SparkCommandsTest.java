package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.image.Resample;
import dev.sieve.image.io.ImageFiles;
import dev.sieve.image.io.SamplePhotos;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkCommandsTest {
    @TempDir
    Path dir;

    @Test
    void writesTheSameBytesAsSieveCompressWithTheSameOptionsAndReportsTheBrokenFile() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in/nested"));
        ImageFiles.writePng(Resample.resize(SamplePhotos.kodim07(), 160, 112), in.resolve("k.png"));
        Files.write(dir.resolve("in/broken.jpg"), "no JPEG".getBytes(StandardCharsets.US_ASCII));
        String[] options = {"--tune", "psnr", "--saliency", "spectral", "--saliency-weight", "8", "--no-progressive"};
        Path out = dir.resolve("out");

        CliRun spark = CliRun.of(concat(new String[] {"spark", "compress", dir.resolve("in").toString(), "--out-dir", out.toString(),
            "--master", "local[2]", "--json"}, options));
        assertThat(spark.exitCode()).as(spark.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(spark.out());
        assertThat(j.get("images").asLong()).isEqualTo(2);
        assertThat(j.get("failed").asLong()).isEqualTo(1);
        assertThat(j.get("master").asText()).isEqualTo("local[2]");
        assertThat(j.get("schema").asText()).isEqualTo("sieve.spark.compress");
        assertThat(j.get("version").asInt()).isEqualTo(Json.VERSION);
        j.fieldNames().forEachRemaining(k -> assertThat(k).matches("[a-z][a-z0-9_]*"));

        Path single = dir.resolve("single.jpg");
        CliRun plain = CliRun.of(concat(new String[] {"compress", in.resolve("k.png").toString(), "-o", single.toString()}, options));
        assertThat(plain.exitCode()).as(plain.err()).isZero();
        assertThat(Files.readAllBytes(out.resolve("nested/k.jpg"))).isEqualTo(Files.readAllBytes(single));
        assertThat(out.resolve("broken.jpg")).doesNotExist();
    }

    @Test
    void aMissingOutputOrABadOptionIsAUsageErrorBeforeSparkStarts() {
        CliRun noOut = CliRun.of("spark", "compress", dir.toString());
        assertThat(noOut.exitCode()).isEqualTo(2);
        assertThat(noOut.err()).contains("--out-dir");
        CliRun badMode = CliRun.of("spark", "compress", dir.toString(), "--out-dir", dir.resolve("o").toString(), "--mode", "nope");
        assertThat(badMode.exitCode()).isEqualTo(2);
        assertThat(badMode.err().strip()).doesNotContain("\n").contains("--mode");
        assertThat(dir.resolve("o")).doesNotExist();
        CliRun badModes = CliRun.of("spark", "evaluate", dir.toString(), "--out-dir", dir.resolve("o").toString(), "--modes", "plain");
        assertThat(badModes.exitCode()).isEqualTo(2);
        assertThat(badModes.err().strip()).doesNotContain("\n").contains("Invalid value for option '--modes'", "'plain'");
        assertThat(dir.resolve("o")).doesNotExist();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
