package dev.sieve.image.saliency;

import dev.sieve.image.Planar;
import java.util.Arrays;

/**
 * Model-free saliency from the background prior: Zhu, Liang, Wei &amp; Sun, "Saliency Optimization from
 * Robust Background Detection", CVPR 2014. On SLIC superpixels ({@link Slic}) of the image at a working
 * size: the boundary connectivity of superpixel p is {@code BndCon(p) = Len_bnd(p) / √Area(p)} with
 * {@code Area(p) = Σ_i exp(−d_geo²(p, i) / 2σ_clr²)} and {@code Len_bnd(p)} the same sum over superpixels
 * on the image border, d_geo the shortest-path sum of CIELAB distances over adjacent superpixels (border
 * superpixels all linked to each other); background probability {@code w_bg = 1 − exp(−BndCon² / 2σ_bnd²)};
 * contrast {@code wCtr(p) = Σ_i d_app(p, i)·exp(−d_spa²(p, i) / 2σ_spa²)·w_bg(i)} (positions as fractions
 * of width and height); then the paper's optimization: the saliencies s minimize
 * {@code Σ w_bg,i s_i² + Σ w_fg,i (s_i − 1)² + Σ_adjacent w_ij (s_i − s_j)²},
 * {@code w_fg} = wCtr divided by its maximum, {@code w_ij = exp(−d_app² / 2σ_clr²) + μ}, solved exactly.
 * The paper's constants: σ_clr = 10, σ_bnd = 1, σ_spa = 0.25, μ = 0.1; 300 superpixels at 256 px.
 * Returns the map at the working size, divided by its maximum.
 */
public final class BoundaryConnectivity implements SaliencySource {
    private static final double SIGMA_CLR = 10, SIGMA_BND = 1, SIGMA_SPA = 0.25, MU = 0.1;
    private final SuperpixelRefinement work = SuperpixelRefinement.DEFAULT;

    @Override
    public String name() {
        return "boundary";
    }

    @Override
    public SaliencyMap map(Planar rgb) {
        return of(work.segment(rgb));
    }

    @Override
    public SaliencyMap map(Planar rgb, Slic.Segmentation seg) {
        return of(seg);
    }

    /** The map of an existing segmentation. */
    public static SaliencyMap of(Slic.Segmentation seg) {
        int w = seg.width(), h = seg.height(), n = w * h, k = seg.count();
        int[] labels = seg.labels();
        double[] cl = new double[k], ca = new double[k], cb = new double[k], cx = new double[k], cy = new double[k];
        int[] cnt = new int[k];
        boolean[] border = new boolean[k];
        for (int p = 0; p < n; p++) {
            int c = labels[p], x = p % w, y = p / w;
            cl[c] += seg.lab()[0][p];
            ca[c] += seg.lab()[1][p];
            cb[c] += seg.lab()[2][p];
            cx[c] += (x + 0.5) / w;
            cy[c] += (y + 0.5) / h;
            cnt[c]++;
            if (x == 0 || y == 0 || x == w - 1 || y == h - 1) {
                border[c] = true;
            }
        }
        for (int c = 0; c < k; c++) {
            cl[c] /= cnt[c];
            ca[c] /= cnt[c];
            cb[c] /= cnt[c];
            cx[c] /= cnt[c];
            cy[c] /= cnt[c];
        }
        double[][] app = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                double dl = cl[i] - cl[j], da = ca[i] - ca[j], db = cb[i] - cb[j];
                app[i][j] = app[j][i] = Math.sqrt(dl * dl + da * da + db * db);
            }
        }
        boolean[][] adjacent = new boolean[k][k];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int a = labels[y * w + x];
                if (x + 1 < w && labels[y * w + x + 1] != a) {
                    adjacent[a][labels[y * w + x + 1]] = adjacent[labels[y * w + x + 1]][a] = true;
                }
                if (y + 1 < h && labels[(y + 1) * w + x] != a) {
                    adjacent[a][labels[(y + 1) * w + x]] = adjacent[labels[(y + 1) * w + x]][a] = true;
                }
            }
        }
        int[][] graph = new int[k][];
        for (int i = 0; i < k; i++) {
            int[] nb = new int[k];
            int m = 0;
            for (int j = 0; j < k; j++) {
                if (i != j && (adjacent[i][j] || (border[i] && border[j]))) {
                    nb[m++] = j;
                }
            }
            graph[i] = Arrays.copyOf(nb, m);
        }
        double[] wBg = new double[k], d = new double[k];
        int[] heap = new int[k], at = new int[k];
        for (int p = 0; p < k; p++) {
            geodesic(p, graph, app, d, heap, at);
            double area = 0, len = 0;
            for (int i = 0; i < k; i++) {
                double s = Math.exp(-d[i] * d[i] / (2 * SIGMA_CLR * SIGMA_CLR));
                area += s;
                if (border[i]) {
                    len += s;
                }
            }
            double bnd = len / Math.sqrt(area);
            wBg[p] = 1 - Math.exp(-bnd * bnd / (2 * SIGMA_BND * SIGMA_BND));
        }
        double[] wFg = new double[k];
        double maxFg = 0;
        for (int p = 0; p < k; p++) {
            double s = 0;
            for (int i = 0; i < k; i++) {
                double dx = cx[p] - cx[i], dy = cy[p] - cy[i];
                s += app[p][i] * Math.exp(-(dx * dx + dy * dy) / (2 * SIGMA_SPA * SIGMA_SPA)) * wBg[i];
            }
            wFg[p] = s;
            maxFg = Math.max(maxFg, s);
        }
        double[][] a = new double[k][k];
        double[] rhs = new double[k];
        for (int i = 0; i < k; i++) {
            wFg[i] = maxFg > 0 ? wFg[i] / maxFg : 0;
            a[i][i] += wBg[i] + wFg[i];
            rhs[i] = wFg[i];
            for (int j = i + 1; j < k; j++) {
                if (adjacent[i][j]) {
                    double wij = Math.exp(-app[i][j] * app[i][j] / (2 * SIGMA_CLR * SIGMA_CLR)) + MU;
                    a[i][i] += wij;
                    a[j][j] += wij;
                    a[i][j] -= wij;
                    a[j][i] -= wij;
                }
            }
        }
        double[] s = solve(a, rhs);
        double max = 0;
        for (double v : s) {
            max = Math.max(max, v);
        }
        float[] out = new float[n];
        for (int p = 0; p < n; p++) {
            out[p] = max > 0 ? (float) Math.max(0, s[labels[p]] / max) : 0f;
        }
        return new SaliencyMap(w, h, out);
    }

    /**
     * Shortest-path sums of {@code app} from {@code source} over {@code graph} into {@code d} (Dijkstra with an indexed
     * binary heap: O(E log k); {@code heap} and {@code at} are work arrays of length k).
     */
    static double[] geodesic(int source, int[][] graph, double[][] app, double[] d, int[] heap, int[] at) {
        Arrays.fill(d, Double.POSITIVE_INFINITY);
        Arrays.fill(at, -1); // -1: not reached, -2: done, else the position in the heap
        d[source] = 0;
        heap[0] = source;
        at[source] = 0;
        int size = 1;
        while (size > 0) {
            int u = heap[0];
            at[u] = -2;
            size--;
            if (size > 0) {
                heap[0] = heap[size];
                at[heap[0]] = 0;
                siftDown(heap, at, d, size, 0);
            }
            for (int v : graph[u]) {
                double nd = d[u] + app[u][v];
                if (at[v] != -2 && nd < d[v]) {
                    d[v] = nd;
                    if (at[v] == -1) {
                        heap[size] = v;
                        at[v] = size++;
                    }
                    siftUp(heap, at, d, at[v]);
                }
            }
        }
        return d;
    }

    private static void siftUp(int[] heap, int[] at, double[] d, int i) {
        int v = heap[i];
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (d[heap[parent]] <= d[v]) {
                break;
            }
            heap[i] = heap[parent];
            at[heap[i]] = i;
            i = parent;
        }
        heap[i] = v;
        at[v] = i;
    }

    private static void siftDown(int[] heap, int[] at, double[] d, int size, int i) {
        int v = heap[i];
        while (true) {
            int c = 2 * i + 1;
            if (c >= size) {
                break;
            }
            if (c + 1 < size && d[heap[c + 1]] < d[heap[c]]) {
                c++;
            }
            if (d[v] <= d[heap[c]]) {
                break;
            }
            heap[i] = heap[c];
            at[heap[i]] = i;
            i = c;
        }
        heap[i] = v;
        at[v] = i;
    }

    /** Solves the symmetric positive-definite system a·x = b by Cholesky decomposition (a is overwritten). */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        for (int j = 0; j < n; j++) {
            double s = a[j][j];
            for (int m = 0; m < j; m++) {
                s -= a[j][m] * a[j][m];
            }
            double d = Math.sqrt(Math.max(s, 1e-12));
            a[j][j] = d;
            for (int i = j + 1; i < n; i++) {
                double t = a[i][j];
                for (int m = 0; m < j; m++) {
                    t -= a[i][m] * a[j][m];
                }
                a[i][j] = t / d;
            }
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double t = b[i];
            for (int m = 0; m < i; m++) {
                t -= a[i][m] * y[m];
            }
            y[i] = t / a[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double t = y[i];
            for (int m = i + 1; m < n; m++) {
                t -= a[m][i] * x[m];
            }
            x[i] = t / a[i][i];
        }
        return x;
    }
}
