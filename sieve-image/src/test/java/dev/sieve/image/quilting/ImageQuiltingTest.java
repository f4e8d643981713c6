package dev.sieve.image.quilting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.image.Planar;
import dev.sieve.image.metrics.Channels;
import dev.sieve.image.metrics.Psnr;
import dev.sieve.image.testimages.NaturalImages;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImageQuiltingTest {
    private static Planar crop(int x, int y) {
        return NaturalImages.crop(NaturalImages.kodim07(), x, y, 40, 32);
    }

    @Test
    void anImageQuiltedFromItsOwnPatchesComesBackAlmostExactly() {
        Planar img = crop(200, 120);
        PatchDatabase db = PatchDatabase.sample(List.of(img), 5, 20_000, 1);
        Planar out = new ImageQuilting(db, 2, 1, "").apply(img, 3);
        assertThat(Psnr.of(img, out, Channels.RGB)).as("PSNR of the self-quilted image").isGreaterThan(45);
    }

    @Test
    void theOutputIsMadeOfDatabaseSamplesOnlyAndIsSeeded() {
        Planar img = crop(200, 120), other = crop(420, 300);
        PatchDatabase db = PatchDatabase.sample(List.of(other), 5, 3_000, 2);
        Set<Float> values = new HashSet<>();
        for (int c = 0; c < 3; c++) {
            for (float v : other.plane(c)) {
                values.add(v);
            }
        }
        ImageQuilting q = new ImageQuilting(db, 2, 10, "");
        Planar out = q.apply(img, 5);
        for (int c = 0; c < 3; c++) {
            for (float v : out.plane(c)) {
                assertThat(values).contains(v);
            }
        }
        assertThat(q.apply(img, 5)).isEqualTo(out);
        assertThat(q.apply(img, 6)).as("k = 10 draws among the nearest").isNotEqualTo(out);
        assertThat(Psnr.of(img, out, Channels.RGB)).as("resembles the input far more than the database image does")
                .isGreaterThan(Psnr.of(img, other, Channels.RGB) + 5);
    }

    @Test
    void theBoundaryCutFollowsTheCheapestPathThroughTheOverlap() {
        int patch = 4, band = 3;
        double[] err = new double[patch * patch];
        java.util.Arrays.fill(err, 9);
        int[] cheap = {2, 1, 1, 0};
        for (int y = 0; y < patch; y++) {
            err[y * patch + cheap[y]] = 0;
        }
        assertThat(ImageQuilting.seam(err, patch, band, true)).containsExactly(cheap);
        assertThat(ImageQuilting.positions(28, 5, 3)).containsExactly(0, 3, 6, 9, 12, 15, 18, 21, 23);
    }
}
