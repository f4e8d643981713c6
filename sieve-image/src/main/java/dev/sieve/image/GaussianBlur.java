package dev.sieve.image;

/** Separable Gaussian blur of a float plane, kernel radius ⌈3σ⌉, borders replicated. */
public final class GaussianBlur {
    private GaussianBlur() {
    }

    /** {@code src} ({@code w × h}, row-major) blurred with standard deviation {@code sigma} pixels (> 0). */
    public static float[] apply(float[] src, int w, int h, double sigma) {
        int r = (int) Math.ceil(3 * sigma);
        float[] k = new float[2 * r + 1];
        float sum = 0;
        for (int i = -r; i <= r; i++) {
            k[i + r] = (float) Math.exp(-i * i / (2 * sigma * sigma));
            sum += k[i + r];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        float[] tmp = new float[w * h], dst = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float a = 0;
                for (int i = -r; i <= r; i++) {
                    a += k[i + r] * src[y * w + Math.max(0, Math.min(w - 1, x + i))];
                }
                tmp[y * w + x] = a;
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float a = 0;
                for (int i = -r; i <= r; i++) {
                    a += k[i + r] * tmp[Math.max(0, Math.min(h - 1, y + i)) * w + x];
                }
                dst[y * w + x] = a;
            }
        }
        return dst;
    }
}
