package dev.sieve.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.image.Planar;
import dev.sieve.image.Resample;
import dev.sieve.image.io.ImageFiles;
import dev.sieve.image.io.SamplePhotos;
import dev.sieve.image.metrics.Channels;
import dev.sieve.image.metrics.QualityReport;
import dev.sieve.jpeg.Tune;
import dev.sieve.jpeg.eval.RateDistortionEvaluation;
import dev.sieve.jpeg.eval.RateDistortionEvaluation.Subject;
import dev.sieve.jpeg.eval.RateDistortionReport;
import dev.sieve.jpeg.eval.RdMetric;
import dev.sieve.jpeg.eval.SemanticComparison;
import dev.sieve.jpeg.semantic.SemanticMode;
import dev.sieve.nn.compress.BaselineSpec;
import dev.sieve.nn.msroi.MsroiOptions;
import dev.sieve.nn.msroi.Perturbations;
import dev.sieve.nn.saliency.SaliencyRecipe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateJobTest {
    @TempDir
    Path dir;

    @Test
    void rowsPerImageAndMethodAnErrorRowAndTheMeansOfTheLibraryProtocol() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in/sub"));
        Planar k = SamplePhotos.kodim07();
        Planar a = Resample.resize(k, 128, 96);
        Planar b = Resample.resize(k, 96, 128);
        ImageFiles.writePng(a, dir.resolve("in/a.png"));
        ImageFiles.writePng(b, in.resolve("b.png"));
        Files.write(in.resolve("c.png"), "broken".getBytes(StandardCharsets.US_ASCII));
        SemanticComparison.Config c = new SemanticComparison.Config(50, List.of(SemanticMode.DIRECT), Tune.PSNR, true, 4, 0.5,
                Channels.LUMA);
        SaliencyRecipe spectral = new SaliencyRecipe("spectral", MsroiOptions.DEFAULT, 5, Perturbations.DEFAULT, 1);
        Path out = dir.resolve("report");

        SparkSession spark = LocalSpark.session();
        EvaluateJob.Summary s = EvaluateJob.run(spark, new EvaluateJob.Config(dir.resolve("in").toString(), out.toString(), null, c,
                spectral, "unused", null));
        List<Row> rows = spark.read().parquet(out.resolve("results.parquet").toString()).collectAsList();

        assertThat(s.images()).isEqualTo(3);
        assertThat(s.failed()).isEqualTo(1);
        assertThat(rows).hasSize(5);
        assertThat(rows.stream().filter(r -> !r.isNullAt(r.fieldIndex("error"))).map(r -> r.getString(0))).containsExactly("sub/c.png");

        List<SemanticComparison.Row> expected = new ArrayList<>();
        for (Path file : List.of(dir.resolve("in/a.png"), in.resolve("b.png"))) {
            Planar img = ImageFiles.read(file);
            SaliencyRecipe.Result map = spectral.compute(null, "unused", img);
            SemanticComparison.run("x", img, map.map(), c).forEach(e -> expected.add(e.row()));
        }
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("image_count").asLong()).isEqualTo(3);
        for (String method : c.methods()) {
            Map<String, Object> want = SemanticComparison.means(expected.stream().filter(r -> r.method().equals(method)).toList());
            JsonNode got = summary.get("means").get(method);
            assertThat(got.get("n").asLong()).isEqualTo(2);
            assertThat(got.get("bytes").asDouble()).as(method).isEqualTo((double) want.get("bytes"));
            for (String key : QualityReport.KEYS) {
                if (want.get(key) == null) {
                    assertThat(got.get(key).isNull()).as(method + " " + key).isTrue();
                } else {
                    assertThat(got.get(key).asDouble()).as(method + " " + key).isCloseTo((double) want.get(key), within(1e-9));
                }
            }
            assertThat(got.get("within_tolerance").asLong()).isEqualTo((long) want.get("within_tolerance"));
        }
        List<String> csv = Files.readAllLines(Files.list(out.resolve("results.csv")).filter(p -> p.toString().endsWith(".csv"))
                .findFirst().orElseThrow());
        assertThat(csv).hasSize(6);
        assertThat(csv.subList(1, 6)).extracting(l -> l.substring(0, l.indexOf(',', l.indexOf(',', l.indexOf(',', l.indexOf(',') + 1) + 1) + 1)))
                .containsExactly("a.png,128,96,plain", "a.png,128,96,direct", "sub/b.png,96,128,plain", "sub/b.png,96,128,direct",
                        "sub/c.png,,,");
    }

    @Test
    void baselinesGiveTheRateDistortionReportOfTheLibraryProtocolAndLeaveOutBrokenImages() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in/sub"));
        Planar k = SamplePhotos.kodim07();
        ImageFiles.writePng(Resample.resize(k, 96, 64), dir.resolve("in/a.png"));
        ImageFiles.writePng(Resample.resize(k, 64, 96), in.resolve("b.png"));
        Files.write(in.resolve("c.png"), "broken".getBytes(StandardCharsets.US_ASCII));
        SemanticComparison.Config c = new SemanticComparison.Config(50, List.of(SemanticMode.DIRECT), Tune.PSNR, true, 4, 0.5,
                Channels.LUMA);
        SaliencyRecipe spectral = new SaliencyRecipe("spectral", MsroiOptions.DEFAULT, 5, Perturbations.DEFAULT, 1);
        BaselineSpec cjpeg = new BaselineSpec(List.of("cjpeg=cjpeg -optimize -quality {q}"), List.of(40.0, 50.0, 70.0), 60);
        Path out = dir.resolve("report");

        EvaluateJob.Summary s = EvaluateJob.run(LocalSpark.session(), new EvaluateJob.Config(dir.resolve("in").toString(),
                out.toString(), null, c, spectral, "unused", cjpeg));

        List<Subject> subjects = new ArrayList<>();
        for (String name : List.of("a.png", "sub/b.png")) {
            Planar img = ImageFiles.read(dir.resolve("in").resolve(name));
            subjects.add(new Subject(name, img, spectral.compute(null, "unused", img).map()));
        }
        RateDistortionReport want = cjpeg.protocol(c).run(subjects, () -> { });
        assertThat(s.rdFailed()).containsOnlyKeys("sub/c.png");
        assertThat(s.rd().images()).extracting(RateDistortionEvaluation.ImageResult::name).containsExactly("a.png", "sub/b.png");
        assertThat(s.rd().rdCsv()).isEqualTo(want.rdCsv());
        assertThat(s.rd().bdCsv()).isEqualTo(want.bdCsv());
        assertThat(s.rd().equalBytesCsv()).isEqualTo(want.equalBytesCsv());
        assertThat(Files.readString(out.resolve("bd.csv"))).isEqualTo(want.bdCsv());
        double bd = want.meanBd("direct", "cjpeg", RdMetric.PSNR).bdRatePercent();
        assertThat(bd).isFinite();
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("parameters").get("baselines").get(0).get("name").asText()).isEqualTo("cjpeg");
        assertThat(summary.get("rate_distortion_failed").get("sub/c.png").asText()).isNotEmpty();
        assertThat(summary.get("rate_distortion").toString()).contains("bd_rate_percent");
        assertThat(summary.get("schema").asText()).isEqualTo("sieve.spark.evaluate");
        assertThat(summary.get("version").asInt()).isEqualTo(1);
        List<String> keys = new ArrayList<>();
        keys(summary, keys);
        assertThat(keys).allMatch(key -> key.matches("[a-z][a-z0-9_]*") || summary.get("means").has(key)
                || summary.get("rate_distortion_failed").has(key), "snake_case (or a method name / input file)");
    }

    /** The keys of every object in {@code n}, nested ones included. */
    private static void keys(JsonNode n, List<String> into) {
        n.fields().forEachRemaining(e -> {
            into.add(e.getKey());
            keys(e.getValue(), into);
        });
        n.elements().forEachRemaining(e -> keys(e, into));
    }
}
