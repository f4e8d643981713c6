package dev.sieve.image.saliency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.image.Planar;
import org.junit.jupiter.api.Test;

class SuperpixelRefinementTest {
    static final int W = 160, H = 120;

    /** A red disc of radius 30 at (100, 60) on a textured gray background. */
    static Planar disc() {
        Planar p = Planar.zeros(W, H, 3);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                boolean in = Math.hypot(x - 100, y - 60) < 30;
                int t = (x * 13 + y * 7) % 11;
                p.set(0, x, y, in ? 210 + t : 120 + t);
                p.set(1, x, y, in ? 40 + t : 125 + t);
                p.set(2, x, y, in ? 30 + t : 118 + t);
            }
        }
        return p;
    }

    static int[] discMask() {
        int[] m = new int[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                m[y * W + x] = Math.hypot(x - 100, y - 60) < 30 ? 1 : 0;
            }
        }
        return m;
    }

    /** A narrow peak (σ = 4 px) on the disc, off its centre: the kind of evidence MS-ROI gives. */
    static SaliencyMap peak() {
        float[] v = new float[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                v[y * W + x] = (float) Math.exp(-(Math.pow(x - 90, 2) + Math.pow(y - 55, 2)) / (2 * 16));
            }
        }
        return new SaliencyMap(W, H, v);
    }

    @Test
    void spreadsAPeakOverTheObjectItLiesOnAndStopsAtItsOutline() {
        int[] mask = discMask();
        double before = MapLocalization.topCoverage(peak(), mask, W, H);
        SaliencyMap refined = SuperpixelRefinement.DEFAULT.refine(disc(), peak());
        double after = MapLocalization.topCoverage(refined, mask, W, H);
        assertThat(after).isGreaterThan(0.85).isGreaterThan(before + 0.1);
        float[] r = refined.resizedTo(W, H).values();
        double in = 0, out = 0;
        int nin = 0, nout = 0;
        for (int i = 0; i < r.length; i++) {
            if (mask[i] == 1) {
                in += r[i];
                nin++;
            } else {
                out += r[i];
                nout++;
            }
        }
        assertThat(in / nin).isGreaterThan(5 * out / nout);
    }

    @Test
    void withoutPropagationItPoolsTheMeanOverEachSuperpixel() {
        SuperpixelRefinement pool = new SuperpixelRefinement(256, 50, 0, 12, 0);
        Planar img = disc();
        Slic.Segmentation seg = Slic.segment(img, 50, 10);
        SaliencyMap ramp = new SaliencyMap(W, H, rampValues());
        SaliencyMap r = pool.refine(seg, ramp);
        double[] sum = new double[seg.count()];
        int[] n = new int[seg.count()];
        for (int i = 0; i < W * H; i++) {
            sum[seg.labels()[i]] += ramp.values()[i];
            n[seg.labels()[i]]++;
        }
        double max = 0;
        for (int c = 0; c < seg.count(); c++) {
            max = Math.max(max, sum[c] / n[c]);
        }
        for (int i = 0; i < W * H; i += 37) {
            assertThat((double) r.values()[i]).isCloseTo(sum[seg.labels()[i]] / n[seg.labels()[i]] / max, org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    private static float[] rampValues() {
        float[] v = new float[W * H];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i % W) / (float) W;
        }
        return v;
    }
}
