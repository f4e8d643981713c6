package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.image.Planar;
import dev.sieve.image.Resample;
import dev.sieve.image.io.ImageFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsCommandTest {
    @TempDir
    static Path dir;
    static Path ref;
    static Path noisy;
    static Path small;
    static Path map;

    @BeforeAll
    static void images() throws Exception {
        Planar img = Resample.resize(dev.sieve.image.io.SamplePhotos.kodim07(), 256, 170);
        Planar dist = img.copy();
        java.util.Random r = new java.util.Random(1);
        for (int c = 0; c < 3; c++) {
            float[] p = dist.plane(c);
            for (int i = 0; i < p.length; i++) {
                p[i] += (float) (6 * r.nextGaussian());
            }
        }
        float[] salient = new float[img.pixels()];
        for (int i = 0; i < salient.length; i++) {
            salient[i] = (i % img.width()) < img.width() / 4 ? 1f : 0f;
        }
        ref = dir.resolve("ref.png");
        noisy = dir.resolve("noisy.png");
        small = dir.resolve("small.png");
        map = dir.resolve("map.png");
        ImageFiles.writePng(img, ref);
        ImageFiles.writePng(dist, noisy);
        ImageFiles.writePng(Resample.resize(img, 100, 80), small);
        ImageFiles.writePng(new dev.sieve.image.saliency.SaliencyMap(img.width(), img.height(), salient).toImage(), map);
    }

    @Test
    void jsonHasTheSevenKeysAndInfinityAsAString() throws Exception {
        CliRun same = CliRun.of("metrics", ref.toString(), ref.toString(), "--json");
        assertThat(same.exitCode()).isZero();
        JsonNode j = new ObjectMapper().readTree(same.out());
        for (String k : List.of("psnr", "psnr_s", "psnr_hvs", "psnr_hvsm", "ssim", "ms_ssim", "vifp")) {
            assertThat(j.has(k)).as(k).isTrue();
        }
        assertThat(j.get("psnr").asText()).isEqualTo("Infinity");
        assertThat(j.get("psnr_hvsm").asText()).isEqualTo("Infinity");
        assertThat(j.get("psnr_s").isNull()).isTrue();
        assertThat(j.get("ssim").asDouble()).isEqualTo(1.0);
        assertThat(j.get("channels").asText()).isEqualTo("luma");
    }

    @Test
    void mapGivesPsnrSAndRgbChangesTheChannels() throws Exception {
        CliRun run = CliRun.of("metrics", ref.toString(), noisy.toString(), "--map", map.toString(), "--rgb", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(run.out());
        assertThat(j.get("channels").asText()).isEqualTo("rgb");
        assertThat(j.get("psnr_s").asDouble()).isBetween(30.0, 40.0);
        assertThat(j.get("psnr").asDouble()).isBetween(30.0, 40.0);
        assertThat(j.get("vifp").asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void textOutputListsEveryMetric() {
        CliRun run = CliRun.of("metrics", ref.toString(), noisy.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("PSNR ", "PSNR-S", "PSNR-HVS ", "PSNR-HVS-M", "SSIM", "MS-SSIM", "VIFp", " dB");
    }

    @Test
    void differentSizesAreOneLineNamingBothSizes() {
        CliRun run = CliRun.of("metrics", ref.toString(), small.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).doesNotContain("\n").contains("256x170", "100x80").startsWith("sieve metrics: ");
    }

    @Test
    void missingFileIsOneLineWithExitOne() {
        CliRun run = CliRun.of("metrics", ref.toString(), dir.resolve("nope.png").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).doesNotContain("\n").contains("nope.png", "no such file");
    }

    @Test
    void thresholdOutsideTheUnitIntervalIsAUsageError() {
        assertThat(CliRun.of("metrics", ref.toString(), noisy.toString(), "--threshold", "1.5").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("metrics", ref.toString(), noisy.toString(), "--luma", "--rgb").exitCode()).isEqualTo(2);
    }
}
