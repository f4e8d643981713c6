package dev.sieve.nn.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.image.Planar;
import dev.sieve.image.io.ImageFiles;
import dev.sieve.image.metrics.Channels;
import dev.sieve.image.saliency.SaliencyMap;
import dev.sieve.jpeg.Tune;
import dev.sieve.jpeg.eval.SemanticComparison;
import dev.sieve.jpeg.semantic.SemanticMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompressionEvaluationTest {
    @TempDir
    Path dir;

    /** A 64 × 48 map, 1 on the 16 × 16 square at (40, 24), 0 elsewhere. */
    private static SaliencyMap square() {
        float[] v = new float[64 * 48];
        for (int y = 24; y < 40; y++) {
            for (int x = 40; x < 56; x++) {
                v[y * 64 + x] = 1;
            }
        }
        return new SaliencyMap(64, 48, v);
    }

    private static Planar photo(int w, int h) {
        Planar p = Planar.zeros(w, h, 3);
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < w * h; i++) {
                p.plane(c)[i] = (float) ((i % w) * 3 + (i / w) * 2 + c * 40 + 30 * Math.sin(i * 0.37)) % 256;
            }
        }
        return p;
    }

    @Test
    void theCropWindowIsTheMostSalientSquareOnTheEightPixelGrid() {
        assertThat(CompressionEvaluation.mostSalientWindow(square(), 64, 48, 16)).containsExactly(40, 24);
        assertThat(CompressionEvaluation.mostSalientWindow(square(), 64, 48, 24)).containsExactly(32, 16);
    }

    @Test
    void aFolderGivesOneRowPerImageAndMethodAndACropOfTheSameWindowOfEach() throws IOException {
        Path images = Files.createDirectories(dir.resolve("images")), maps = Files.createDirectories(dir.resolve("maps"));
        ImageFiles.writePng(photo(64, 48), images.resolve("b.png"));
        ImageFiles.writePng(photo(48, 64), images.resolve("a.png"));
        Files.writeString(images.resolve("notes.txt"), "not an image");
        ImageFiles.writePng(photo(64, 48).channel(0), maps.resolve("b.png"));
        List<Path> files = CompressionEvaluation.listImages(images);
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("a.png", "b.png");
        assertThatThrownBy(() -> CompressionEvaluation.mapFiles(files, maps)).isInstanceOf(IOException.class)
                .hasMessageContaining("a.png").hasMessageContaining("no saliency map");

        SemanticComparison.Config c = new SemanticComparison.Config(50, List.of(SemanticMode.DIRECT), Tune.VISUAL, true, 4, 0.5, Channels.LUMA);
        CompressionEvaluation eval = new CompressionEvaluation(c, null);
        int[] steps = {0};
        CompressionEvaluation.Result r = eval.run(files, null, img -> square().resizedTo(img.width(), img.height()), () -> steps[0]++, name -> { });
        assertThat(steps[0]).isEqualTo(eval.steps(2)).isEqualTo(2);
        assertThat(r.rows()).extracting(SemanticComparison.Row::method).containsExactly("plain", "direct", "plain", "direct");
        assertThat(r.csv().lines()).hasSize(1 + 4);
        assertThat(r.means().get("direct").get("n")).isEqualTo(2);
        assertThat(r.psnrHvsDifferences().get("direct")).hasSize(2);
        CompressionEvaluation.Crop crop = r.crops().get(1);
        assertThat(crop.image()).isEqualTo("b");
        assertThat(crop.labels()).containsExactly("original", "plain Q50, " + r.rows().get(2).bytes() + " B", "direct, " + r.rows().get(3).bytes() + " B");
        assertThat(crop.tiles()).allSatisfy(t -> assertThat(t.width()).isEqualTo(24));
        assertThat(crop.zoom()).isEqualTo(2);
        assertThat(r.images().get(0).get("sha256")).asString().hasSize(64);
    }
}
