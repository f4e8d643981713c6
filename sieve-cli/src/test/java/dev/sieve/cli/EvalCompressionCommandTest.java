package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
        CliRun run = CliRun.of("eval", "compression", photos.toString(), "-d", out.toString(),
                "--map-dir", maps.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
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

    /** Mean row {@code mean,METHOD,BASELINE,METRIC,...} of a report CSV, split into fields. */
    private static String[] meanRow(List<String> csv, String method, String baseline, String metric) {
        return csv.stream().filter(l -> l.startsWith("mean," + method + "," + baseline + "," + metric + ","))
                .findFirst().orElseThrow().split(",", -1);
    }

    @Test
    void withBaselinesItAddsTheRateDistortionReport() throws Exception {
        Path out = root.resolve("rd");
        long t0 = System.nanoTime();
        CliRun run = CliRun.of("eval", "compression", photos.toString(), "-d", out.toString(),
                "--map-dir", maps.toString(), "--modes", "direct",
                "--baseline", "cjpeg=cjpeg -optimize -quality {q}", "--baseline", "turbo=cjpeg -quality {q}");
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Table 2.1", "Rate-distortion vs baselines, 2 images, q 30,40,50,60,70,80,90",
                "BD-rate PSNR-S").containsPattern("\\ndirect +turbo ");
        System.out.println(run.out() + "RD eval took " + seconds + " s");

        List<String> rd = Files.readAllLines(out.resolve("rd.csv"));
        assertThat(rd.get(0)).isEqualTo("image,method,q,bytes,bpp,psnr,psnr_s,ssim,ms_ssim");
        assertThat(rd).hasSize(1 + 2 * 4 * 7);
        assertThat(rd.get(1)).startsWith("crop0.png,plain,30,");
        for (String line : rd.subList(1, rd.size())) {
            String[] f = line.split(",", -1);
            long bytes = Long.parseLong(f[3]);
            assertThat(Double.parseDouble(f[4])).isCloseTo(8.0 * bytes / (208 * 176), org.assertj.core.api.Assertions.within(1e-12));
            for (int k = 5; k < 9; k++) {
                assertThat(Double.parseDouble(f[k])).as(line).isFinite();
            }
        }
        // plain and direct both match the size of classic plain JPEG at every q (each within 1 %, so within 2 % of each other)
        for (int i = 1; i <= 7; i++) {
            long plain = Long.parseLong(rd.get(i).split(",")[3]), direct = Long.parseLong(rd.get(7 + i).split(",")[3]);
            assertThat(rd.get(7 + i)).startsWith("crop0.png,direct,");
            assertThat(Math.abs(direct - plain)).isLessThanOrEqualTo(Math.round(0.0201 * plain));
        }

        List<String> bd = Files.readAllLines(out.resolve("bd.csv"));
        assertThat(bd.get(0)).isEqualTo("image,method,baseline,metric,bd_rate_percent,bd_quality,n,note");
        assertThat(bd).hasSize(1 + 3 * 2 * 2 * 4);
        List<String> eq = Files.readAllLines(out.resolve("equal_bytes.csv"));
        assertThat(eq.get(0)).isEqualTo("image,method,baseline,metric,q,bytes,method_value,baseline_value,difference,n,note");
        assertThat(eq).hasSize(1 + 3 * 2 * 2 * 4);

        // Sieve plain is cjpeg -optimize's peer: at Sieve's Q50 size the baseline's PSNR is close (with the classic
        // tune within 0.1 dB, see RateDistortionEvaluationTest; 1 dB leaves room for Sieve's rate-distortion tunes)
        String[] plainVsCjpeg = meanRow(eq, "plain", "cjpeg", "psnr");
        assertThat(Double.parseDouble(plainVsCjpeg[8])).isBetween(-1.0, 1.0);
        assertThat(plainVsCjpeg[9]).isEqualTo("2");
        // ... and cjpeg without -optimize (Annex K Huffman tables, same pixels) needs more bytes for the same PSNR
        double vsOptimized = Double.parseDouble(meanRow(bd, "plain", "cjpeg", "psnr")[4]);
        double vsAnnexK = Double.parseDouble(meanRow(bd, "plain", "turbo", "psnr")[4]);
        assertThat(vsOptimized).isBetween(-15.0, 15.0);
        assertThat(vsAnnexK).isLessThan(vsOptimized - 2);
        // direct mode moves quality into the salient region: its PSNR-S gain over the baseline exceeds its PSNR gain,
        // by more than plain's does
        double directShift = Double.parseDouble(meanRow(bd, "direct", "cjpeg", "psnr_s")[5])
                - Double.parseDouble(meanRow(bd, "direct", "cjpeg", "psnr")[5]);
        double plainShift = Double.parseDouble(meanRow(bd, "plain", "cjpeg", "psnr_s")[5])
                - Double.parseDouble(meanRow(bd, "plain", "cjpeg", "psnr")[5]);
        assertThat(directShift).isGreaterThan(plainShift + 0.2);

        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("table_2_1").get("rows").has("direct")).isTrue();
        assertThat(summary.get("parameters").get("baselines").get(1).get("command").asText()).isEqualTo("cjpeg -quality {q}");
        JsonNode r = summary.get("rate_distortion");
        assertThat(r.get("points")).hasSize(56);
        assertThat(r.get("bd")).hasSize(48);
        assertThat(r.get("equal_bytes")).hasSize(48);
        assertThat(r.get("methods").get(2).get("kind").asText()).isEqualTo("baseline");
        JsonNode firstMean = r.get("equal_bytes").get(32);
        assertThat(firstMean.get("image").asText()).isEqualTo("mean");
        assertThat(Files.readAllLines(out.resolve("results.csv"))).hasSize(1 + 2 * 2);
        for (String png : List.of("rd.png", "rd_psnr_s.png")) {
            BufferedImage chart = ImageIO.read(out.resolve(png).toFile());
            assertThat(chart.getWidth()).as(png).isEqualTo(3 * 520);
        }
    }

    @Test
    void badBaselinesAreRefusedBeforeAnyWork() throws Exception {
        Path out = root.resolve("rd-bad");
        CliRun sweepAlone = CliRun.of("eval", "compression", photos.toString(), "-d", out.toString(),
                "--sweep", "30,50");
        assertThat(sweepAlone.exitCode()).isEqualTo(2);
        assertThat(sweepAlone.err()).contains("--sweep needs at least one --baseline");
        CliRun noName = CliRun.of("eval", "compression", photos.toString(), "-d", out.toString(),
                "--baseline", "cjpeg -quality {q}");
        assertThat(noName.exitCode()).isEqualTo(2);
        assertThat(noName.err()).contains("NAME=COMMAND");
        CliRun taken = CliRun.of("eval", "compression", photos.toString(), "-d", out.toString(),
                "--baseline", "plain=cjpeg -quality {q}");
        assertThat(taken.exitCode()).isEqualTo(2);
        assertThat(taken.err()).contains("'plain' is taken by a Sieve method");
        CliRun badSweep = CliRun.of("eval", "compression", photos.toString(), "-d", out.toString(),
                "--baseline", "c=cjpeg -quality {q}", "--sweep", "0,50");
        assertThat(badSweep.exitCode()).isEqualTo(2);
        CliRun broken = CliRun.of("eval", "compression", photos.toString(), "-d", out.toString(),
                "--map-dir", maps.toString(), "--baseline", "bad=cjpeg -quality {q} -no-such-switch");
        assertThat(broken.exitCode()).isEqualTo(1);
        assertThat(broken.err().strip()).doesNotContain("\n")
                .startsWith("sieve eval compression: bad: `cjpeg -quality 30 -no-such-switch` exited with status 1: ");
        assertThat(out).doesNotExist();
    }

    @Test
    void aMissingMapIsOneLineAndWritesNothing() throws Exception {
        Path partial = Files.createDirectories(root.resolve("partial-maps"));
        Files.copy(maps.resolve("crop0.png"), partial.resolve("crop0.png"));
        Path out = root.resolve("no-report");
        CliRun run = CliRun.of("eval", "compression", photos.toString(), "-d", out.toString(),
                "--map-dir", partial.toString(), "--modes", "direct");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).doesNotContain("\n").contains("crop1.png", "no saliency map");
        assertThat(out).doesNotExist();
    }

    @Test
    void anEmptyFolderOrTheImageFolderAsReportAreRefused() throws Exception {
        Path empty = Files.createDirectories(root.resolve("empty"));
        CliRun none = CliRun.of("eval", "compression", empty.toString(), "-d", root.resolve("r1").toString());
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err()).startsWith("sieve eval compression: ").contains("no images");
        CliRun same = CliRun.of("eval", "compression", photos.toString(), "-d", photos.toString());
        assertThat(same.exitCode()).isEqualTo(1);
        assertThat(same.err()).contains("must not be the image folder");
    }

    @Test
    void modesIsAnEnumListInAnyCaseAndABadValueIsPicocliOneLineUsageError() {
        CliRun badMode = CliRun.of("eval", "compression", photos.toString(), "-d",
                root.resolve("r2").toString(), "--modes", "direct,fancy");
        assertThat(badMode.exitCode()).isEqualTo(2);
        assertThat(badMode.err().strip()).doesNotContain("\n")
                .startsWith("sieve eval compression: Invalid value for option '--modes'").contains("MOSAIC, DIRECT", "'fancy'");
        assertThat(root.resolve("r2")).doesNotExist();

        picocli.CommandLine cl = Sieve.commandLine();
        picocli.CommandLine.ParseResult parsed = cl.parseArgs("eval", "compression", photos.toString(), "-d", "r3",
                "--modes", "Direct,MOSAIC,direct");
        EvalCompressionCommand command = parsed.subcommand().subcommand().commandSpec().commandLine().getCommand();
        assertThat(command.comparison.config().modes()).containsExactly(
                dev.sieve.jpeg.semantic.SemanticMode.DIRECT, dev.sieve.jpeg.semantic.SemanticMode.MOSAIC);
    }

    @Test
    void withoutMapsTheBuiltInMsroiModelMapsEachImage() throws Exception {
        Path out = root.resolve("fallback");
        CliRun run = CliRun.of("eval", "compression", photos.toString(), "-d", out.toString(),
                "--modes", "direct");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readAllLines(out.resolve("results.csv"))).hasSize(1 + 2 * 2);
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("parameters").get("saliency").asText()).startsWith("auto: msroi of msroi-scenes");
        assertThat(summary.get("means").has("mosaic")).isFalse();
        Path spectral = root.resolve("spectral");
        CliRun s = CliRun.of("eval", "compression", photos.toString(), "-d", spectral.toString(), "--modes", "direct",
                "--saliency", "spectral");
        assertThat(s.exitCode()).as(s.err()).isZero();
        assertThat(new ObjectMapper().readTree(spectral.resolve("summary.json").toFile()).get("parameters").get("saliency").asText())
                .contains("spectral-residual");
    }
}
