package dev.sieve.image.saliency;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BoundaryConnectivityTest {
    @Test
    void findsAnObjectThatDoesNotTouchTheBorderWithoutAnyOtherEvidence() {
        SaliencyMap m = new BoundaryConnectivity().map(SuperpixelRefinementTest.disc());
        int[] mask = SuperpixelRefinementTest.discMask();
        assertThat(MapLocalization.topCoverage(m, mask, SuperpixelRefinementTest.W, SuperpixelRefinementTest.H)).isGreaterThan(0.85);
        assertThat(MapTrust.check(m).trusted()).isTrue();
    }

    @Test
    void choleskySolvesASymmetricPositiveDefiniteSystem() {
        double[][] a = {{4, 1, 0}, {1, 3, -1}, {0, -1, 2}};
        double[] x = {1, -2, 0.5};
        double[] b = new double[3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                b[i] += a[i][j] * x[j];
            }
        }
        assertThat(BoundaryConnectivity.solve(a, b)).containsExactly(new double[] {1, -2, 0.5}, org.assertj.core.data.Offset.offset(1e-12));
    }
}
