package dev.sieve.image.wavelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.image.oracle.PythonOracle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Dwt2Test {
    private static final String[] NAMES = {"db1", "db2", "db4", "sym2", "sym3", "sym4"};

    @Test
    void roundTripReconstructsOddAndEvenSizesWithin1e9() {
        SplittableRandom rnd = new SplittableRandom(7);
        int[][] sizes = {{1, 1}, {2, 3}, {5, 4}, {17, 9}, {32, 32}, {37, 64}, {100, 73}, {224, 224}, {255, 129}};
        for (String name : NAMES) {
            Wavelet wl = Wavelet.named(name);
            for (int[] s : sizes) {
                double[] x = new double[s[0] * s[1]];
                for (int i = 0; i < x.length; i++) {
                    x[i] = rnd.nextDouble() * 2 - 1;
                }
                int max = Math.max(1, wl.maxLevel(s[0], s[1]));
                for (int levels = 1; levels <= max; levels++) {
                    double[] y = Dwt2.inverse(Dwt2.forward(x, s[0], s[1], wl, levels), s[0], s[1]);
                    assertThat(maxAbsDiff(x, y)).as("%s %dx%d L%d", name, s[0], s[1], levels).isLessThan(1e-9);
                }
            }
        }
    }

    @Test
    void filtersEqualPyWavelets(@TempDir Path dir) throws Exception {
        PythonOracle py = new PythonOracle(dir);
        String out = py.run("""
                import sys, pywt
                for n in sys.argv[2:]:
                    w = pywt.Wavelet(n)
                    print(n, *[repr(float(v)) for f in (w.dec_lo, w.dec_hi, w.rec_lo, w.rec_hi) for v in f])
                """, NAMES);
        for (String line : out.strip().split("\n")) {
            String[] t = line.split(" ");
            Wavelet wl = Wavelet.named(t[0]);
            int f = wl.length();
            assertThat(t.length).isEqualTo(1 + 4 * f);
            double[][] mine = {wl.decLo(), wl.decHi(), wl.recLo(), wl.recHi()};
            for (int k = 0; k < 4; k++) {
                for (int i = 0; i < f; i++) {
                    assertThat(mine[k][i]).as("%s filter %d tap %d", t[0], k, i).isEqualTo(Double.parseDouble(t[1 + k * f + i]));
                }
            }
        }
    }

    @Test
    void maxLevelEqualsPyWavelets(@TempDir Path dir) throws Exception {
        PythonOracle py = new PythonOracle(dir);
        String out = py.run("""
                import sys, pywt
                for n in sys.argv[2:]:
                    print(n, *[pywt.dwt_max_level(k, pywt.Wavelet(n).dec_len) for k in range(1, 600)])
                """, NAMES);
        for (String line : out.strip().split("\n")) {
            String[] t = line.split(" ");
            Wavelet wl = Wavelet.named(t[0]);
            for (int k = 1; k < 600; k++) {
                assertThat(wl.maxLevel(k)).as("%s n=%d", t[0], k).isEqualTo(Integer.parseInt(t[k]));
            }
        }
    }

    @Test
    void coefficientsEqualPyWaveletsWavedecn(@TempDir Path dir) throws Exception {
        PythonOracle py = new PythonOracle(dir);
        SplittableRandom rnd = new SplittableRandom(11);
        int[][] cases = {{1, 1, 1}, {3, 2, 1}, {5, 7, 2}, {16, 16, 3}, {23, 31, 3}, {64, 41, 4}, {9, 120, 2}};
        List<String> args = new ArrayList<>();
        List<double[]> inputs = new ArrayList<>();
        int id = 0;
        for (String name : NAMES) {
            for (int[] c : cases) {
                double[] x = new double[c[0] * c[1]];
                for (int i = 0; i < x.length; i++) {
                    x[i] = rnd.nextDouble() * 255;
                }
                py.put("in" + id, x);
                inputs.add(x);
                args.add(name + ":" + c[0] + ":" + c[1] + ":" + c[2]);
                id++;
            }
        }
        py.run("""
                import sys, numpy as np, pywt
                d = sys.argv[1]
                for i, spec in enumerate(sys.argv[2:]):
                    n, w, h, L = spec.split(':'); w, h, L = int(w), int(h), int(L)
                    x = np.fromfile(f'{d}/in{i}', dtype='<f8').reshape(h, w)
                    c = pywt.wavedecn(x, n, mode='symmetric', level=L)
                    parts = [c[0].ravel()] + [lv[k].ravel() for lv in c[1:] for k in ('da', 'ad', 'dd')]
                    np.concatenate(parts).astype('<f8').tofile(f'{d}/out{i}')
                    np.array([c[0].shape[1], c[0].shape[0]] + [s for lv in c[1:] for s in (lv['dd'].shape[1], lv['dd'].shape[0])], dtype='<f8').tofile(f'{d}/shape{i}')
                """, args.toArray(String[]::new));
        for (int i = 0; i < args.size(); i++) {
            String[] s = args.get(i).split(":");
            int w = Integer.parseInt(s[1]), h = Integer.parseInt(s[2]), levels = Integer.parseInt(s[3]);
            Dwt2.Coefficients c = Dwt2.forward(inputs.get(i), w, h, Wavelet.named(s[0]), levels);
            double[] shape = py.get("shape" + i);
            assertThat(c.approxWidth()).as(args.get(i)).isEqualTo((int) shape[0]);
            assertThat(c.approxHeight()).as(args.get(i)).isEqualTo((int) shape[1]);
            List<double[]> parts = new ArrayList<>();
            parts.add(c.approx());
            for (int l = 0; l < c.levels().length; l++) {
                Dwt2.Level lv = c.levels()[l];
                assertThat(lv.width()).as(args.get(i) + " level " + l).isEqualTo((int) shape[2 + 2 * l]);
                assertThat(lv.height()).as(args.get(i) + " level " + l).isEqualTo((int) shape[3 + 2 * l]);
                parts.add(lv.da());
                parts.add(lv.ad());
                parts.add(lv.dd());
            }
            double[] expected = py.get("out" + i);
            double[] mine = parts.stream().flatMapToDouble(java.util.Arrays::stream).toArray();
            assertThat(mine).hasSameSizeAs(expected);
            assertThat(maxAbsDiff(mine, expected)).as(args.get(i)).isLessThan(1e-10);
        }
    }

    @Test
    void rejectsAbsurdLevelsAndSizes() {
        Wavelet wl = Wavelet.named("haar");
        assertThatThrownBy(() -> Dwt2.forward(new double[4], 2, 2, wl, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Dwt2.forward(new double[5], 2, 2, wl, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Wavelet.named("db3x")).hasMessageContaining("unknown wavelet");
    }

    static double maxAbsDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
