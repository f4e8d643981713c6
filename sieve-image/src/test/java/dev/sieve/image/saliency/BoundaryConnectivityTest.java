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

    /** Geodesic distances on a seeded random sparse graph (a ring plus chords, random weights) against Floyd–Warshall. */
    @Test
    void geodesicDistancesEqualFloydWarshall() {
        int k = 60;
        java.util.Random rnd = new java.util.Random(7);
        double[][] app = new double[k][k];
        boolean[][] edge = new boolean[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                app[i][j] = app[j][i] = rnd.nextDouble() * 20;
                edge[i][j] = edge[j][i] = j == i + 1 || rnd.nextDouble() < 0.08;
            }
        }
        int[][] graph = new int[k][];
        double[][] fw = new double[k][k];
        for (int i = 0; i < k; i++) {
            boolean[] row = edge[i];
            graph[i] = java.util.stream.IntStream.range(0, k).filter(j -> row[j]).toArray();
            for (int j = 0; j < k; j++) {
                fw[i][j] = i == j ? 0 : edge[i][j] ? app[i][j] : Double.POSITIVE_INFINITY;
            }
        }
        for (int m = 0; m < k; m++) {
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    fw[i][j] = Math.min(fw[i][j], fw[i][m] + fw[m][j]);
                }
            }
        }
        double[] d = new double[k];
        int[] heap = new int[k], at = new int[k];
        for (int p = 0; p < k; p++) {
            assertThat(BoundaryConnectivity.geodesic(p, graph, app, d, heap, at)).as("from " + p)
                    .containsExactly(fw[p], org.assertj.core.data.Offset.offset(1e-9));
        }
    }
}
