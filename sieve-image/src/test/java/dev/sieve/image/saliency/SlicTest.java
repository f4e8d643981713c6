package dev.sieve.image.saliency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.image.Planar;
import java.util.ArrayDeque;
import org.junit.jupiter.api.Test;

class SlicTest {
    /** Left half blue-ish, right half orange, with a little deterministic texture; the boundary at x = 50 is not on the seed grid. */
    static Planar twoHalves(int w, int h) {
        Planar p = Planar.zeros(w, h, 3);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int t = (x * 31 + y * 17) % 9;
                boolean left = x < 50;
                p.set(0, x, y, (left ? 40 : 230) + t);
                p.set(1, x, y, (left ? 70 : 140) + t);
                p.set(2, x, y, (left ? 200 : 30) + t);
            }
        }
        return p;
    }

    @Test
    void superpixelsFollowAColourEdgeAndAreConnected() {
        Slic.Segmentation s = Slic.segment(twoHalves(120, 80), 60, 10);
        assertThat(s.count()).isBetween(30, 90);
        boolean[] left = new boolean[s.count()], right = new boolean[s.count()];
        for (int y = 0; y < 80; y++) {
            for (int x = 0; x < 120; x++) {
                int l = s.labels()[y * 120 + x];
                if (x < 50) {
                    left[l] = true;
                } else {
                    right[l] = true;
                }
            }
        }
        for (int l = 0; l < s.count(); l++) {
            assertThat(left[l] && right[l]).as("superpixel %d straddles the edge", l).isFalse();
        }
        assertThat(pieces(s)).isEqualTo(s.count());
    }

    @Test
    void sameImageGivesTheSameLabels() {
        Planar img = twoHalves(90, 70);
        assertThat(Slic.segment(img, 40, 10).labels()).isEqualTo(Slic.segment(img, 40, 10).labels());
    }

    @Test
    void labMatchesTheCieDefinitionForKnownColours() {
        Planar p = Planar.zeros(3, 1, 3);
        p.set(0, 0, 0, 255);
        p.set(1, 0, 0, 255);
        p.set(2, 0, 0, 255);
        p.set(0, 1, 0, 255);
        p.set(1, 2, 0, 128);
        float[][] lab = Slic.lab(p);
        assertThat(lab[0][0]).isCloseTo(100f, org.assertj.core.data.Offset.offset(0.05f));
        assertThat(lab[1][0]).isCloseTo(0f, org.assertj.core.data.Offset.offset(0.05f));
        assertThat(lab[0][1]).isCloseTo(53.24f, org.assertj.core.data.Offset.offset(0.05f));
        assertThat(lab[1][1]).isCloseTo(80.09f, org.assertj.core.data.Offset.offset(0.1f));
        assertThat(lab[2][1]).isCloseTo(67.20f, org.assertj.core.data.Offset.offset(0.1f));
        assertThat(lab[0][2]).isCloseTo(46.23f, org.assertj.core.data.Offset.offset(0.05f));
    }

    /** Number of 4-connected same-label pieces. */
    private static int pieces(Slic.Segmentation s) {
        int w = s.width(), h = s.height(), n = w * h, count = 0;
        boolean[] seen = new boolean[n];
        for (int start = 0; start < n; start++) {
            if (seen[start]) {
                continue;
            }
            count++;
            ArrayDeque<Integer> q = new ArrayDeque<>();
            q.add(start);
            seen[start] = true;
            while (!q.isEmpty()) {
                int p = q.poll(), x = p % w, y = p / w;
                int[] nb = {x > 0 ? p - 1 : -1, x < w - 1 ? p + 1 : -1, y > 0 ? p - w : -1, y < h - 1 ? p + w : -1};
                for (int o : nb) {
                    if (o >= 0 && !seen[o] && s.labels()[o] == s.labels()[start]) {
                        seen[o] = true;
                        q.add(o);
                    }
                }
            }
        }
        return count;
    }
}
