package dev.sieve.nn.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The standard CIFAR augmentation (He et al. 2016): pad each side by {@code padding} zero pixels,
 * crop a random window of the original size, and mirror horizontally with probability ½.
 */
public record Augmentation(int padding, boolean flip) {
    /** No augmentation. */
    public static final Augmentation NONE = new Augmentation(0, false);

    public Augmentation {
        if (padding < 0) {
            throw new IllegalArgumentException("padding must be ≥ 0, got " + padding);
        }
    }

    public boolean isNone() {
        return padding == 0 && !flip;
    }

    /** Augments one CHW image at {@code offset} in place; {@code scratch} holds at least {@code h × w} floats. */
    public void apply(float[] x, int offset, int c, int h, int w, SplittableRandom rnd, float[] scratch) {
        int dx = padding == 0 ? 0 : rnd.nextInt(2 * padding + 1) - padding;
        int dy = padding == 0 ? 0 : rnd.nextInt(2 * padding + 1) - padding;
        boolean mirror = flip && rnd.nextBoolean();
        if (dx == 0 && dy == 0 && !mirror) {
            return;
        }
        for (int ch = 0; ch < c; ch++) {
            int base = offset + ch * h * w;
            Arrays.fill(scratch, 0, h * w, 0f);
            for (int y = 0; y < h; y++) {
                int sy = y + dy;
                if (sy < 0 || sy >= h) {
                    continue;
                }
                for (int xx = 0; xx < w; xx++) {
                    int sx = xx + dx;
                    if (sx >= 0 && sx < w) {
                        scratch[y * w + (mirror ? w - 1 - xx : xx)] = x[base + sy * w + sx];
                    }
                }
            }
            System.arraycopy(scratch, 0, x, base, h * w);
        }
    }
}
