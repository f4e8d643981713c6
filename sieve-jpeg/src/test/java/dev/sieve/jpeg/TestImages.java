package dev.sieve.jpeg;

import dev.sieve.image.Planar;
import java.util.SplittableRandom;

/** Deterministic synthetic images for encoder tests. */
public final class TestImages {
    private TestImages() {
    }

    /** Smooth gradients plus texture and noise: exercises DC, AC and clamping. */
    public static Planar synthetic(int w, int h, int channels, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[][] p = new float[channels][w * h];
        for (int c = 0; c < channels; c++) {
            double fx = 0.05 + 0.3 * rnd.nextDouble(), fy = 0.05 + 0.3 * rnd.nextDouble();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double v = 128 + 60 * Math.sin(fx * x + c) * Math.cos(fy * y) + 40.0 * x / Math.max(1, w)
                            + 20 * (rnd.nextDouble() - 0.5);
                    p[c][y * w + x] = (float) Math.max(0, Math.min(255, Math.round(v)));
                }
            }
        }
        return new Planar(w, h, p);
    }
}
