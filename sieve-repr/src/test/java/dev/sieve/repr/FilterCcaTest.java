package dev.sieve.repr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sieve.nn.model.SieveModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilterCcaTest {
    @Test
    void linearlyRelatedFiltersCorrelateFullyAndIndependentOnesHardly() {
        SplittableRandom rnd = new SplittableRandom(1);
        int n = 4000, d = 2;
        double[][] s = new double[n][3 * d];
        for (double[] row : s) {
            double u = rnd.nextGaussian(), v = rnd.nextGaussian();
            row[0] = u;
            row[1] = v;
            row[2] = u + 2 * v; // filter 1 mixes filter 0's variables: a linear combination matches exactly
            row[3] = u - v;
            row[4] = rnd.nextGaussian(); // filter 2: independent noise
            row[5] = rnd.nextGaussian();
        }
        double[][] rho = FilterCca.correlations(s, 3, d);
        assertThat(rho[0][1]).isCloseTo(1, within(3e-3)); // the 10⁻³ ridge keeps it just below 1
        assertThat(rho[0][2]).isLessThan(0.1);
        assertThat(rho[2][2]).isEqualTo(1);
    }

    @Test
    void heatmapOfALayerIsWrittenAsPng(@TempDir Path dir) throws Exception {
        try (SieveModel model = ReprFixtures.model("c2-6", 3)) {
            double[][] a = FilterCca.of(model, 0, ReprFixtures.bars(64, 3), 2);
            double[][] b = FilterCca.of(model, 1, ReprFixtures.bars(64, 3), 2);
            assertThat(a).hasDimensions(6, 6);
            for (double[] row : b) {
                assertThat(java.util.Arrays.stream(row).boxed().toList()).allMatch(v -> v >= 0 && v <= 1);
            }
            Path png = dir.resolve("cca.png");
            CcaHeatmap.write(png, new double[][][] {a, b}, new String[] {"layer 1", "layer 2"});
            java.awt.image.BufferedImage img = ImageIO.read(png.toFile());
            assertThat(img.getWidth()).isGreaterThan(800);
            int text = 0;
            for (int y = 40 + 384 + 4; y < 40 + 384 + 22; y++) {
                for (int x = 40; x < 40 + 384; x++) {
                    text += (img.getRGB(x, y) & 0xFF) < 100 ? 1 : 0;
                }
            }
            assertThat(text).as("dark pixels of the x-axis label under the first panel").isGreaterThan(30);
            assertThat(Files.list(dir)).hasSize(1);
        }
    }
}
