package dev.sieve.image.saliency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.image.Planar;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SaliencyMapTest {
    @Test
    void transparentMapPixelsAreNotSalient(@TempDir Path dir) throws Exception {
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, 0x00FFFFFF);
        img.setRGB(1, 0, 0xFFFFFFFF);
        Path f = dir.resolve("map.png");
        ImageIO.write(img, "png", f.toFile());
        SaliencyMap m = SaliencyMap.read(f);
        assertThat(m.get(0, 0)).isEqualTo(0f);
        assertThat(m.get(1, 0)).isEqualTo(1f);
    }

    @Test
    void valuesAreClampedToTheUnitInterval() {
        SaliencyMap m = new SaliencyMap(3, 1, new float[] {-1f, 0.5f, Float.NaN});
        assertThat(m.values()).containsExactly(0f, 0.5f, 0f);
    }

    @Test
    void resizingKeepsEdgesAlignedOnNonSquareMaps() {
        SaliencyMap m = new SaliencyMap(2, 1, new float[] {0f, 1f});
        SaliencyMap big = m.resizedTo(10, 3);
        assertThat(big.get(0, 1)).isEqualTo(0f);
        assertThat(big.get(9, 2)).isEqualTo(1f);
        assertThat(big.get(4, 0) + big.get(5, 0)).isCloseTo(1f, Offset.offset(1e-6f));
    }

    @Test
    void shrinkingAveragesTheCoveredArea() {
        float[] v = new float[16];
        for (int i = 0; i < 16; i++) {
            v[i] = (i % 4) < 2 ? 1f : 0f;
        }
        SaliencyMap small = new SaliencyMap(4, 4, v).resizedTo(2, 1);
        assertThat(small.values()).containsExactly(1f, 0f);
        assertThat(new SaliencyMap(3, 1, new float[] {1f, 0f, 0f}).resizedTo(2, 1).get(0, 0)).isCloseTo(2f / 3, Offset.offset(1e-6f));
    }

    @Test
    void blockMeansAverageOnlyPixelsInsideTheMap() {
        float[] v = new float[10 * 9];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i % 10) >= 8 ? 1f : 0f;
        }
        float[] b = new SaliencyMap(10, 9, v).blockMeans(8);
        assertThat(b).hasSize(4);
        assertThat(b[0]).isZero();
        assertThat(b[1]).isEqualTo(1f);
    }

    @Test
    void rankNormalizationSpreadsValuesUniformly() {
        SaliencyMap m = new SaliencyMap(4, 1, new float[] {0.9f, 0.1f, 0.5f, 0.2f}).rankNormalized();
        assertThat(m.values()).containsExactly(0.875f, 0.125f, 0.625f, 0.375f);
    }

    @Test
    void spectralResidualFindsACheckerboardPatchOnANoisyBackground() {
        int w = 128, h = 96;
        float[] g = new float[w * h];
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean patch = x >= 88 && x < 104 && y >= 56 && y < 72;
                g[y * w + x] = patch ? 128 + 120 * (((x / 2 + y / 2) & 1) * 2 - 1) : (float) (110 + 10 * rnd.nextDouble());
            }
        }
        SaliencyMap m = new SpectralResidual().compute(new Planar(w, h, g));
        assertThat(m.width()).isEqualTo(w);
        assertThat(m.height()).isEqualTo(h);
        assertThat(m.get(96, 64)).isGreaterThan(0.8f);
        double background = 0;
        int n = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < 60; x++) {
                background += m.get(x, y);
                n++;
            }
        }
        assertThat(background / n).isLessThan(0.15);
    }
}
