package dev.sieve.image.quilting;

import dev.sieve.image.Planar;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * Square patches (side {@code patch}, all channels, samples in [0, 255]) cut at random positions
 * from clean images: the database image quilting draws from (Guo et al. 2018 use patches of
 * ImageNet training images). Seeded: the same images, size and seed give the same patches.
 */
public final class PatchDatabase {
    private final int patch;
    private final int channels;
    private final float[][] patches;

    private PatchDatabase(int patch, int channels, float[][] patches) {
        this.patch = patch;
        this.channels = channels;
        this.patches = patches;
    }

    /** {@code count} patches of side {@code patch} from {@code images} (one image drawn per patch), seeded. */
    public static PatchDatabase sample(List<Planar> images, int patch, int count, long seed) {
        return sample(images.size(), images::get, patch, count, seed);
    }

    /**
     * As {@link #sample(List, int, int, long)} over {@code size} images read by {@code image} (only the
     * drawn ones are read, so a large training set need not be held in memory).
     */
    public static PatchDatabase sample(int size, IntFunction<Planar> image, int patch, int count, long seed) {
        if (size < 1) {
            throw new IllegalArgumentException("no images to cut patches from");
        }
        if (patch < 2 || count < 1) {
            throw new IllegalArgumentException("patch side must be ≥ 2 and count ≥ 1, got " + patch + " and " + count);
        }
        int channels = image.apply(0).channels();
        SplittableRandom rnd = new SplittableRandom(seed);
        float[][] out = new float[count][];
        for (int k = 0; k < count; k++) {
            Planar img = image.apply(rnd.nextInt(size));
            if (img.channels() != channels || img.width() < patch || img.height() < patch) {
                throw new IllegalArgumentException("patch images must have " + channels + " channels and sides ≥ " + patch);
            }
            int x0 = rnd.nextInt(img.width() - patch + 1), y0 = rnd.nextInt(img.height() - patch + 1);
            out[k] = cut(img, x0, y0, patch);
        }
        return new PatchDatabase(patch, channels, out);
    }

    /** The patch of {@code img} at ({@code x0}, {@code y0}), channel-major, row-major. */
    static float[] cut(Planar img, int x0, int y0, int patch) {
        float[] v = new float[img.channels() * patch * patch];
        for (int c = 0, j = 0; c < img.channels(); c++) {
            float[] plane = img.plane(c);
            for (int y = 0; y < patch; y++) {
                for (int x = 0; x < patch; x++) {
                    v[j++] = plane[(y0 + y) * img.width() + x0 + x];
                }
            }
        }
        return v;
    }

    public int patch() {
        return patch;
    }

    public int channels() {
        return channels;
    }

    public int size() {
        return patches.length;
    }

    float[] get(int i) {
        return patches[i];
    }

    /** Indices of the {@code k} patches nearest to {@code query} in squared L2, nearest first (exhaustive search). */
    int[] nearest(float[] query, int k) {
        int n = Math.min(k, patches.length);
        int[] best = new int[n];
        double[] dist = new double[n];
        java.util.Arrays.fill(dist, Double.POSITIVE_INFINITY);
        for (int i = 0; i < patches.length; i++) {
            float[] p = patches[i];
            double d = 0, bound = dist[n - 1];
            for (int j = 0; j < p.length && d < bound; j++) {
                double t = p[j] - query[j];
                d += t * t;
            }
            if (d < bound) {
                int at = n - 1;
                while (at > 0 && dist[at - 1] > d) {
                    dist[at] = dist[at - 1];
                    best[at] = best[at - 1];
                    at--;
                }
                dist[at] = d;
                best[at] = i;
            }
        }
        return best;
    }
}
