package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.nn.train.EpochResult;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingCurvesTest {
    /** Pixels of JFreeChart's first series colour (train accuracy). */
    private static int seriesPixels(Path png) throws Exception {
        BufferedImage img = ImageIO.read(png.toFile());
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                n += (img.getRGB(x, y) & 0xFFFFFF) == 0xFF5555 ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void aOneEpochRunDrawsItsPoints(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("curves.png");
        TrainingCurves.writePng(png, List.of(new EpochResult(1, 0.01f, 0.6, 0.78, 0.5, 0.81, 12, 5000)), "one epoch");
        assertThat(seriesPixels(png)).as("train-accuracy marker pixels, beyond the legend's").isGreaterThan(40);
    }
}
