package dev.sieve.nn.msroi;

import dev.sieve.image.Planar;
import dev.sieve.nn.data.ImageDataset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Test scenes with known object positions: 1–3 objects of distinct classes (a reddish disc, a
 * greenish square, a bluish ring) on a smooth random background. {@link #objects} holds, per pixel, 0 for
 * background or 1 + the index of the visible object.
 */
final class ShapeScenes implements ImageDataset {
    static final List<String> CLASSES = List.of("disc", "square", "ring");
    final List<Planar> images = new ArrayList<>();
    final List<int[]> labels = new ArrayList<>();
    final List<int[]> objects = new ArrayList<>();
    private final int size;

    ShapeScenes(int count, int size, int minObjects, int maxObjects, long seed) {
        this.size = size;
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
            int n = minObjects + rnd.nextInt(maxObjects - minObjects + 1);
            Scene s = scene(size, size, n, size / 8, size / 4, rnd);
            images.add(s.image);
            labels.add(s.classes);
            objects.add(s.mask);
        }
    }

    record Scene(Planar image, int[] classes, int[] mask) {
    }

    /** One scene of {@code w × h} with {@code n} objects of radius {@code rMin..rMax}, not overlapping. */
    static Scene scene(int w, int h, int n, int rMin, int rMax, SplittableRandom rnd) {
        float[][] p = new float[3][w * h];
        float[] base = {rnd.nextFloat() * 160 + 40, rnd.nextFloat() * 160 + 40, rnd.nextFloat() * 160 + 40};
        float fx = rnd.nextFloat() * 0.1f, fy = rnd.nextFloat() * 0.1f, ph = rnd.nextFloat() * 6;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float wave = 25 * (float) Math.sin(fx * x + fy * y + ph);
                for (int c = 0; c < 3; c++) {
                    p[c][y * w + x] = clamp(base[c] + wave * (c == 1 ? -1 : 1) + (float) (rnd.nextGaussian() * 6));
                }
            }
        }
        int[] mask = new int[w * h];
        List<Integer> pool = new ArrayList<>(List.of(0, 1, 2));
        int[] classes = new int[n];
        int[][] placed = new int[n][];
        for (int k = 0; k < n; k++) {
            int cls = pool.remove(rnd.nextInt(pool.size()));
            classes[k] = cls;
            int r = rMin + rnd.nextInt(rMax - rMin + 1), cx, cy, tries = 0;
            boolean ok;
            do {
                cx = r + rnd.nextInt(w - 2 * r);
                cy = r + rnd.nextInt(h - 2 * r);
                ok = true;
                for (int j = 0; j < k; j++) {
                    ok &= Math.hypot(cx - placed[j][0], cy - placed[j][1]) > r + placed[j][2] + 2;
                }
            } while (!ok && ++tries < 200);
            placed[k] = new int[] {cx, cy, r};
            float[] col = {40 + rnd.nextFloat() * 60, 40 + rnd.nextFloat() * 60, 40 + rnd.nextFloat() * 60};
            col[cls] = 200 + rnd.nextFloat() * 55;
            for (int y = cy - r; y <= cy + r; y++) {
                for (int x = cx - r; x <= cx + r; x++) {
                    double d = Math.hypot(x - cx, y - cy);
                    boolean in = switch (cls) {
                        case 0 -> d <= r;
                        case 1 -> Math.abs(x - cx) <= r * 0.8 && Math.abs(y - cy) <= r * 0.8;
                        default -> d <= r && d >= r * 0.55;
                    };
                    if (in && x >= 0 && y >= 0 && x < w && y < h) {
                        mask[y * w + x] = k + 1;
                        for (int c = 0; c < 3; c++) {
                            p[c][y * w + x] = col[c];
                        }
                    }
                }
            }
        }
        return new Scene(new Planar(w, h, p), classes, mask);
    }

    private static float clamp(float v) {
        return Math.max(0, Math.min(255, v));
    }

    @Override
    public int size() {
        return images.size();
    }

    @Override
    public int channels() {
        return 3;
    }

    @Override
    public int height() {
        return size;
    }

    @Override
    public int width() {
        return size;
    }

    @Override
    public List<String> classes() {
        return CLASSES;
    }

    @Override
    public int label(int i) {
        return labels.get(i)[0];
    }

    @Override
    public int[] labels(int i) {
        return labels.get(i).clone();
    }

    @Override
    public void pixels(int i, float[] dst, int offset) {
        Planar img = images.get(i);
        for (int c = 0; c < 3; c++) {
            System.arraycopy(img.plane(c), 0, dst, offset + c * img.pixels(), img.pixels());
        }
    }

    @Override
    public String source() {
        return "shape scenes";
    }
}
