package dev.sieve.image.defense;

import dev.sieve.image.Planar;
import java.util.SplittableRandom;

/**
 * Pipeline stage {@code resizepad}: random resizing and padding of Xie et al. 2018, "Mitigating
 * adversarial effects through randomization" (thesis §4.4, Table 4.6). As their code for a
 * 299×299 input: resize to {@code rnd × rnd}, {@code rnd} uniform in [299, 331), by nearest
 * neighbour (TensorFlow's, {@code src = floor(dst · in / out)}), then pad to 331×331 with
 * {@code rnd} placed at a uniform offset in [0, 331 − rnd) on each axis.
 *
 * <p>Generalised to any size: the output is {@code round(W · ratio) × round(H · ratio)}
 * ({@code ratio=1.107} ≈ 331/299 by default), the new width uniform in [W, W_out) and the height
 * scaled by the same factor. The fill value is {@code fill=127.5}: Xie et al. pad with 0 in
 * Inception's [−1, 1] input range, which is mid-grey. The output is larger than the input.
 */
public final class RandomResizePad implements Defense {
    /** Xie et al.'s 331/299. */
    public static final double XIE_RATIO = 331.0 / 299.0;

    private final double ratio;
    private final float fill;

    public RandomResizePad(double ratio, float fill) {
        if (!(ratio > 1 && ratio <= 4)) {
            throw new IllegalArgumentException("resize+pad ratio must be in (1, 4], got " + ratio);
        }
        this.ratio = ratio;
        this.fill = fill;
    }

    static RandomResizePad fromParams(DefenseParams p) {
        p.allow("ratio", "fill");
        try {
            return new RandomResizePad(p.number("ratio", XIE_RATIO), (float) p.number("fill", 127.5));
        } catch (IllegalArgumentException e) {
            throw p.invalid(e);
        }
    }

    @Override
    public Planar apply(Planar img, long seed) {
        int w = img.width(), h = img.height();
        int ow = Math.max(w + 1, (int) Math.round(w * ratio)), oh = Math.max(h + 1, (int) Math.round(h * ratio));
        SplittableRandom rnd = new SplittableRandom(seed);
        int rw = w + rnd.nextInt(ow - w);
        int rh = Math.min(oh - 1, Math.max(h, (int) Math.round(h * (double) rw / w)));
        int left = rnd.nextInt(ow - rw), top = rnd.nextInt(oh - rh);
        float[][] planes = new float[img.channels()][];
        for (int c = 0; c < planes.length; c++) {
            float[] src = img.plane(c), dst = new float[ow * oh];
            java.util.Arrays.fill(dst, fill);
            for (int y = 0; y < rh; y++) {
                int sy = (int) ((long) y * h / rh);
                for (int x = 0; x < rw; x++) {
                    dst[(top + y) * ow + left + x] = src[sy * w + (int) ((long) x * w / rw)];
                }
            }
            planes[c] = dst;
        }
        return new Planar(ow, oh, planes);
    }

    @Override
    public String spec() {
        return "resizepad:ratio=" + ratio + ",fill=" + fill;
    }
}
