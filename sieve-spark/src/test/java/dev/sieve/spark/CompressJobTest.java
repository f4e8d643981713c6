package dev.sieve.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.image.Planar;
import dev.sieve.image.Resample;
import dev.sieve.image.io.ImageFiles;
import dev.sieve.image.io.SamplePhotos;
import dev.sieve.jpeg.semantic.SemanticMode;
import dev.sieve.jpeg.semantic.SemanticOptions;
import dev.sieve.nn.compress.SemanticCompressor;
import dev.sieve.nn.msroi.MsroiModels;
import dev.sieve.nn.msroi.MsroiOptions;
import dev.sieve.nn.msroi.Perturbations;
import dev.sieve.nn.saliency.SaliencyModels;
import dev.sieve.nn.saliency.SaliencyRecipe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompressJobTest {
    private static SparkSession spark;

    @TempDir
    static Path dir;

    private static Path in;

    private static final SaliencyRecipe MSROI = new SaliencyRecipe("msroi", MsroiOptions.DEFAULT, 5, Perturbations.DEFAULT, 1);

    @BeforeAll
    static void start() throws IOException {
        spark = LocalSpark.session();
        in = dir.resolve("in");
        Planar k = SamplePhotos.kodim07();
        Files.createDirectories(in.resolve("flowers/close"));
        Files.createDirectories(in.resolve("other"));
        ImageFiles.writePng(Resample.resize(k, 192, 128), in.resolve("flowers/kodim07.png"));
        ImageFiles.writePng(crop(k, 200, 100, 160, 120), in.resolve("flowers/close/centre.png"));
        ImageIO.write(ImageFiles.toBufferedImage(crop(k, 0, 300, 96, 64)), "jpg", in.resolve("other/corner.jpg").toFile());
        Files.write(in.resolve("other/broken.png"), "not an image at all".getBytes(StandardCharsets.US_ASCII));
        Files.write(in.resolve("other/notes.txt"), "skipped: not an image name".getBytes(StandardCharsets.US_ASCII));
    }

    private static Planar crop(Planar p, int x0, int y0, int w, int h) {
        Planar c = Planar.zeros(w, h, p.channels());
        for (int ch = 0; ch < p.channels(); ch++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    c.set(ch, x, y, p.get(ch, x0 + x, y0 + y));
                }
            }
        }
        return c;
    }

    @Test
    void writesOneJpegPerImageAtItsRelativePathTheSameBytesAsTheLibraryCallAndARowWithTheErrorForTheBrokenFile() throws IOException {
        Path out = dir.resolve("out");
        SemanticOptions options = SemanticOptions.defaults(SemanticMode.DIRECT);
        CompressJob.Summary s = CompressJob.run(spark, new CompressJob.Config(in.toString(), out.toString(), null, options, MSROI,
                MsroiModels.DEFAULT));

        assertThat(s.images()).isEqualTo(4);
        assertThat(s.failed()).isEqualTo(1);
        List<String> jpegs;
        try (Stream<Path> files = Files.walk(out)) {
            jpegs = files.filter(p -> p.toString().endsWith(".jpg")).map(p -> out.relativize(p).toString()).sorted().toList();
        }
        assertThat(jpegs).containsExactly("flowers/close/centre.jpg", "flowers/kodim07.jpg", "other/corner.jpg");

        SemanticCompressor direct = new SemanticCompressor(options, MSROI, MsroiModels.DEFAULT, SaliencyModels::open);
        for (String rel : List.of("flowers/close/centre.png", "flowers/kodim07.png", "other/corner.jpg")) {
            byte[] expected = direct.compress(ImageFiles.read(in.resolve(rel)), null, null).result().jpeg();
            assertThat(Files.readAllBytes(out.resolve(CorpusPaths.outputOf(rel)))).as(rel).isEqualTo(expected);
        }

        Map<String, Row> rows = spark.read().parquet(out.resolve("manifest.parquet").toString()).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(r.fieldIndex("path")), r -> r));
        assertThat(rows).containsOnlyKeys("flowers/close/centre.png", "flowers/kodim07.png", "other/corner.jpg", "other/broken.png");
        Row broken = rows.get("other/broken.png");
        assertThat(broken.getString(broken.fieldIndex("error"))).contains("not a PNG, JPEG, BMP, GIF or TIFF image");
        assertThat(broken.isNullAt(broken.fieldIndex("output"))).isTrue();
        assertThat(broken.getLong(broken.fieldIndex("input_bytes"))).isEqualTo(19);
        Row kodim = rows.get("flowers/kodim07.png");
        assertThat(kodim.isNullAt(kodim.fieldIndex("error"))).isTrue();
        assertThat(kodim.getString(kodim.fieldIndex("output"))).isEqualTo("flowers/kodim07.jpg");
        assertThat(kodim.getInt(kodim.fieldIndex("width"))).isEqualTo(192);
        assertThat(kodim.getLong(kodim.fieldIndex("bytes"))).isEqualTo(Files.size(out.resolve("flowers/kodim07.jpg")));
        assertThat(kodim.getLong(kodim.fieldIndex("reference_bytes"))).isPositive();
        assertThat(kodim.getString(kodim.fieldIndex("saliency"))).startsWith("msroi " + MsroiModels.DEFAULT);

        List<Path> csv;
        try (Stream<Path> files = Files.list(out.resolve("manifest.csv"))) {
            csv = files.filter(p -> p.getFileName().toString().endsWith(".csv")).toList();
        }
        assertThat(csv).hasSize(1);
        List<String> lines = Files.readAllLines(csv.get(0));
        assertThat(lines.get(0)).startsWith("path,output,input_bytes,width,height,bytes,reference_bytes");
        assertThat(lines.subList(1, lines.size())).extracting(l -> l.substring(0, l.indexOf(',')))
                .containsExactly("flowers/close/centre.png", "flowers/kodim07.png", "other/broken.png", "other/corner.jpg");
    }

    @Test
    void refusesAnOutputInsideTheInputOrOneThatHoldsFiles() throws IOException {
        SemanticOptions plain = SemanticOptions.defaults(SemanticMode.PLAIN);
        assertThatThrownBy(() -> CompressJob.run(spark, new CompressJob.Config(in.toString(), in.resolve("out").toString(), null, plain,
                MSROI, MsroiModels.DEFAULT))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inside the input folder");
        Path full = Files.createDirectories(dir.resolve("full"));
        Files.writeString(full.resolve("keep.txt"), "x");
        assertThatThrownBy(() -> CompressJob.run(spark, new CompressJob.Config(in.toString(), full.toString(), null, plain, MSROI,
                MsroiModels.DEFAULT))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not empty");
        assertThat(Files.readString(full.resolve("keep.txt"))).isEqualTo("x");
        assertThatThrownBy(() -> CompressJob.run(spark, new CompressJob.Config(dir.resolve("missing").toString(),
                dir.resolve("o2").toString(), null, plain, MSROI, MsroiModels.DEFAULT)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no such folder");
    }

    @Test
    void ofTwoInputsWithOneOutputNameTheFirstKeepsItAndTheOtherIsRefused() {
        assertThat(CorpusPaths.collisions(List.of("a/x.png", "a/x.jpg", "a/y.png", "b/x.png")))
                .containsOnly(Map.entry("a/x.png", "output a/x.jpg is already written for a/x.jpg"));
        assertThat(CorpusPaths.outputOf("a.b/photo")).isEqualTo("a.b/photo.jpg");
        assertThat(CorpusPaths.outputOf("a/photo.tiff")).isEqualTo("a/photo.jpg");
    }
}
