package dev.sieve.image.deflection;

import dev.sieve.image.Planar;
import dev.sieve.image.saliency.SaliencyMap;
import java.util.SplittableRandom;

/**
 * Pixel deflection (thesis Algorithm 2, §4.5) and its map-guided form (§4.8 (a)–(d)).
 *
 * <p>Thesis form (the default): {@code K} times, draw a pixel {@code p} uniformly from the image
 * and a neighbour {@code n} uniformly from the square window of apothem {@code r} around
 * {@code p} clipped to the image ({@code R ∩ I}, which contains {@code p} itself), and set
 * {@code I'[p] = I[n]}, all channels together, reading from the input {@code I}. With a map
 * {@code M} in [0, 1], a drawn pixel is deflected only when {@code M(p) < u}, {@code u ~ U(0, 1)}
 * drawn afresh each time; otherwise that iteration does nothing (so {@code K} counts draws, and a
 * pixel with {@code M = 1} is never touched). As the thesis states, when {@code r > min(H, W)} the
 * whole image is the neighbourhood.
 *
 * <p>Options for the thesis' ablations (Table 4.11) and for comparison with the author's code
 * ({@code iamaaditya/pixel-deflection}):
 * <ul>
 *   <li>{@link Sampling#GAUSSIAN}: the neighbour offset per axis is a rounded normal of standard
 *       deviation {@code r/2}, redrawn until it falls in the window and the image.</li>
 *   <li>{@link Replacement}: the new value is the random neighbour's, or the minimum, maximum or
 *       mean of the window (per channel, over the same pixels a neighbour can come from).</li>
 *   <li>{@link ChannelMode#CHANNEL}: each channel is deflected at its own random position (and, with
 *       a map, its own draw of {@code u}), as the author's code does.</li>
 *   <li>{@code originalCode}: the author's code's other two quirks — deflection is in place (later
 *       deflections read earlier results) and row 0 and column 0 are never a source (its rejection
 *       test is {@code 0 < x + a < H}).</li>
 * </ul>
 * Randomness comes only from a {@link SplittableRandom} seeded by the caller: the same seed, image,
 * map and options give the same output, bit for bit.
 */
public final class PixelDeflection {
    /** How the neighbour is drawn from the window. */
    public enum Sampling {
        UNIFORM,
        GAUSSIAN
    }

    /** What replaces the deflected pixel (Table 4.11). */
    public enum Replacement {
        RANDOM,
        MIN,
        MAX,
        MEAN
    }

    /** Whether a deflection moves a whole pixel or one channel sample. */
    public enum ChannelMode {
        PIXEL,
        CHANNEL
    }

    /**
     * @param deflections  K, the number of draws (thesis: 100)
     * @param window       r, the window's apothem in pixels (thesis: 10)
     * @param sampling     neighbour distribution in the window
     * @param replacement  replacement rule
     * @param channels     per pixel (thesis) or per channel (author's code)
     * @param originalCode in-place deflection with row/column 0 never a source (author's code)
     */
    public record Options(int deflections, int window, Sampling sampling, Replacement replacement,
                          ChannelMode channels, boolean originalCode) {
        public Options {
            if (deflections < 0) {
                throw new IllegalArgumentException("deflections must be 0 or more, got " + deflections);
            }
            if (window < 1) {
                throw new IllegalArgumentException("deflection window must be at least 1 pixel, got " + window);
            }
        }

        /** Algorithm 2 as the thesis states it: uniform, random neighbour, per pixel. */
        public static Options thesis(int deflections, int window) {
            return new Options(deflections, window, Sampling.UNIFORM, Replacement.RANDOM, ChannelMode.PIXEL, false);
        }

        /** As {@code iamaaditya/pixel-deflection} does it: per channel, in place, row/column 0 never a source. */
        public static Options originalCode(int deflections, int window) {
            return new Options(deflections, window, Sampling.UNIFORM, Replacement.RANDOM, ChannelMode.CHANNEL, true);
        }
    }

    private final Options options;

    public PixelDeflection(Options options) {
        this.options = options;
    }

    public Options options() {
        return options;
    }

    /** Deflects {@code img} without a map. */
    public Planar apply(Planar img, long seed) {
        return apply(img, null, seed);
    }

    /**
     * Deflects {@code img}; {@code map} (stretched to the image, may be {@code null}) gives each
     * pixel's probability of being kept. Returns a new image.
     */
    public Planar apply(Planar img, SaliencyMap map, long seed) {
        int w = img.width(), h = img.height();
        if (options.originalCode() && (w < 2 || h < 2)) {
            throw new IllegalArgumentException("original-code deflection needs an image of at least 2x2 pixels, got "
                    + w + "x" + h);
        }
        float[] m = map == null ? null : map.resizedTo(w, h).values();
        Planar out = img.copy();
        Planar src = options.originalCode() ? out : img;
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] at = new int[2];
        int nc = img.channels();
        boolean perChannel = options.channels() == ChannelMode.CHANNEL;
        for (int k = 0; k < options.deflections(); k++) {
            if (perChannel) {
                for (int c = 0; c < nc; c++) {
                    deflectOne(src, out, m, rnd, at, c, c + 1);
                }
            } else {
                deflectOne(src, out, m, rnd, at, 0, nc);
            }
        }
        return out;
    }

    /** One draw: picks a pixel, maybe skips it by the map, and replaces channels {@code c0..c1-1}. */
    private void deflectOne(Planar src, Planar out, float[] m, SplittableRandom rnd, int[] at, int c0, int c1) {
        int w = src.width(), h = src.height();
        int x = rnd.nextInt(w), y = rnd.nextInt(h);
        if (m != null && !(m[y * w + x] < rnd.nextDouble())) {
            return;
        }
        int lo = options.originalCode() ? 1 : 0;
        int x0 = lo, x1 = w - 1, y0 = lo, y1 = h - 1;
        int r = options.window();
        if (r <= Math.min(w, h)) {
            x0 = Math.max(lo, x - r);
            x1 = Math.min(w - 1, x + r);
            y0 = Math.max(lo, y - r);
            y1 = Math.min(h - 1, y + r);
        }
        int p = y * w + x;
        if (options.replacement() == Replacement.RANDOM) {
            neighbour(rnd, x, y, x0, x1, y0, y1, at);
            int q = at[1] * w + at[0];
            for (int c = c0; c < c1; c++) {
                out.plane(c)[p] = src.plane(c)[q];
            }
            return;
        }
        for (int c = c0; c < c1; c++) {
            float[] s = src.plane(c);
            double acc = options.replacement() == Replacement.MIN ? Double.POSITIVE_INFINITY
                    : options.replacement() == Replacement.MAX ? Double.NEGATIVE_INFINITY : 0;
            for (int yy = y0; yy <= y1; yy++) {
                for (int xx = x0, i = yy * w + x0; xx <= x1; xx++, i++) {
                    switch (options.replacement()) {
                        case MIN -> acc = Math.min(acc, s[i]);
                        case MAX -> acc = Math.max(acc, s[i]);
                        default -> acc += s[i];
                    }
                }
            }
            if (options.replacement() == Replacement.MEAN) {
                acc /= (double) (x1 - x0 + 1) * (y1 - y0 + 1);
            }
            out.plane(c)[p] = (float) acc;
        }
    }

    /** Draws the neighbour's (x, y) into {@code at}, within {@code [x0, x1] × [y0, y1]}. */
    private void neighbour(SplittableRandom rnd, int x, int y, int x0, int x1, int y0, int y1, int[] at) {
        if (options.sampling() == Sampling.UNIFORM) {
            at[0] = x0 + rnd.nextInt(x1 - x0 + 1);
            at[1] = y0 + rnd.nextInt(y1 - y0 + 1);
            return;
        }
        double sd = options.window() / 2.0;
        while (true) {
            int nx = x + (int) Math.round(rnd.nextGaussian() * sd);
            int ny = y + (int) Math.round(rnd.nextGaussian() * sd);
            if (nx >= x0 && nx <= x1 && ny >= y0 && ny <= y1) {
                at[0] = nx;
                at[1] = ny;
                return;
            }
        }
    }
}
