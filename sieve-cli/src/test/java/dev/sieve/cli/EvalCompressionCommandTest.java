package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.cli.MetricsCommandTest.Run;
import dev.sieve.image.Planar;
import dev.sieve.image.Resample;
import dev.sieve.image.io.ImageFiles;
import dev.sieve.image.io.SamplePhotos;
import dev.sieve.image.saliency.SaliencyMap;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCompressionCommandTest {
    @TempDir
    static Path root;
    static Path photos;
    static Path maps;

    /** Two 208×176 crops of kodim07 and, for each, a map that marks a different quarter salient. */
    @BeforeAll
    static void folder() throws Exception {
        photos = Files.createDirectories(root.resolve("photos"));
        maps = Files.createDirectories(root.resolve("maps"));
        Planar kodim = Resample.resize(SamplePhotos.kodim07(), 416, 277);
        for (int i = 0; i < 2; i++) {
            Planar crop = Planar.zeros(208, 176, 3);
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 176; y++) {
                    System.arraycopy(kodim.plane(c), (y + 50 * i) * 416 + 200 * i, crop.plane(c), y * 208, 208);
                }
            }
            ImageFiles.writePng(crop, photos.resolve("crop" + i + ".png"));
            float[] v = new float[208 * 176];
            for (int y = 0; y < 176; y++) {
                for (int x = 0; x < 208; x++) {
                    v[y * 208 + x] = (i == 0 ? x < 104 : y < 88) ? 1f : 0.1f;
                }
            }
            ImageFiles.writePng(new SaliencyMap(208, 176, v).toImage(), maps.resolve("crop" + i + ".png"));
        }
    }

    @Test
    void writesResultsSummaryAndFigures() throws Exception {
        Path out = root.resolve("report");
        Run run = MetricsCommandTest.sieve("eval", "compression", photos.toString(), "--out", out.toString(),
                "--map-dir", maps.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("plain", "mosaic", "direct", "PSNR-HVS");

        List<String> csv = Files.readAllLines(out.resolve("results.csv"));
        assertThat(csv).hasSize(1 + 2 * 3);
        assertThat(csv.get(0)).startsWith("image,width,height,method,bytes,target_bytes")
                .endsWith("psnr_s,psnr,psnr_hvs,psnr_hvsm,ssim,ms_ssim,vifp");
        for (String line : csv.subList(1, csv.size())) {
            String[] f = line.split(",", -1);
            assertThat(f).hasSize(17);
            assertThat(f[7]).as("within tolerance: " + line).isEqualTo("true");
            if (!f[3].equals("plain")) {
                long bytes = Long.parseLong(f[4]), target = Long.parseLong(f[5]);
                assertThat(Math.abs(bytes - target)).isLessThanOrEqualTo(Math.round(0.01 * target));
            }
            for (int k = 10; k < 17; k++) {
                assertThat(Double.parseDouble(f[k])).as(line).isFinite();
            }
        }

        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("parameters").get("match_quality").asDouble()).isEqualTo(50);
        assertThat(summary.get("images")).hasSize(2);
        assertThat(summary.get("images").get(0).get("sha256").asText()).hasSize(64);
        assertThat(summary.get("table_2_1").get("columns")).hasSize(7);
        for (String m : List.of("plain", "mosaic", "direct")) {
            assertThat(summary.get("table_2_1").get("rows").get(m)).hasSize(7);
            assertThat(summary.get("means").get(m).get("n").asInt()).isEqualTo(2);
        }
        double meanPlain = (Double.parseDouble(csv.get(1).split(",")[11]) + Double.parseDouble(csv.get(4).split(",")[11])) / 2;
        assertThat(summary.get("means").get("plain").get("psnr").asDouble()).isCloseTo(meanPlain,
                org.assertj.core.api.Assertions.within(1e-9));

        BufferedImage chart = ImageIO.read(out.resolve("psnr_hvs_difference.png").toFile());
        assertThat(chart.getWidth()).isGreaterThan(100);
        for (String name : List.of("crop0", "crop1")) {
            BufferedImage crop = ImageIO.read(out.resolve("crops").resolve(name + ".png").toFile());
            assertThat(crop.getWidth()).isGreaterThan(4 * crop.getHeight() / 2);
        }
    }

    @Test
    void aMissingMapIsOneLineAndWritesNothing() throws Exception {
        Path partial = Files.createDirectories(root.resolve("partial-maps"));
        Files.copy(maps.resolve("crop0.png"), partial.resolve("crop0.png"));
        Path out = root.resolve("no-report");
        Run run = MetricsCommandTest.sieve("eval", "compression", photos.toString(), "--out", out.toString(),
                "--map-dir", partial.toString(), "--modes", "direct");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err().strip()).doesNotContain("\n").contains("crop1.png", "no saliency map");
        assertThat(out).doesNotExist();
    }

    @Test
    void anEmptyFolderOrTheImageFolderAsReportAreRefused() throws Exception {
        Path empty = Files.createDirectories(root.resolve("empty"));
        Run none = MetricsCommandTest.sieve("eval", "compression", empty.toString(), "--out", root.resolve("r1").toString());
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.err()).startsWith("sieve eval compression: ").contains("no images");
        Run same = MetricsCommandTest.sieve("eval", "compression", photos.toString(), "--out", photos.toString());
        assertThat(same.code()).isEqualTo(1);
        assertThat(same.err()).contains("must not be the image folder");
        Run badMode = MetricsCommandTest.sieve("eval", "compression", photos.toString(), "--out",
                root.resolve("r2").toString(), "--modes", "fancy");
        assertThat(badMode.code()).isEqualTo(2);
    }

    @Test
    void withoutMapsTheBuiltInMsroiModelMapsEachImage() throws Exception {
        Path out = root.resolve("fallback");
        Run run = MetricsCommandTest.sieve("eval", "compression", photos.toString(), "--out", out.toString(),
                "--modes", "direct");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(Files.readAllLines(out.resolve("results.csv"))).hasSize(1 + 2 * 2);
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("parameters").get("saliency").asText()).startsWith("msroi of msroi-scenes");
        assertThat(summary.get("means").has("mosaic")).isFalse();
        Path spectral = root.resolve("spectral");
        Run s = MetricsCommandTest.sieve("eval", "compression", photos.toString(), "--out", spectral.toString(), "--modes", "direct",
                "--saliency", "spectral");
        assertThat(s.code()).as(s.err()).isZero();
        assertThat(new ObjectMapper().readTree(spectral.resolve("summary.json").toFile()).get("parameters").get("saliency").asText())
                .contains("spectral-residual");
    }
}
