package dev.sieve.image.saliency;

import dev.sieve.image.Planar;

/** A saliency map drawn over its image: half the image plus half a blue→green→red heat colouring of the map. */
public final class HeatOverlay {
    private HeatOverlay() {
    }

    /** The overlay, RGB, the size of {@code img} (a gray image stays gray under the colouring); {@code map} is stretched over it. */
    public static Planar of(Planar img, SaliencyMap map) {
        int n = img.pixels();
        float[][] out = new float[3][n];
        float[] v = map.resizedTo(img.width(), img.height()).values();
        for (int i = 0; i < n; i++) {
            float m = v[i];
            float[] heat = {clamp(1.5f - Math.abs(4 * m - 3)), clamp(1.5f - Math.abs(4 * m - 2)), clamp(1.5f - Math.abs(4 * m - 1))};
            for (int c = 0; c < 3; c++) {
                float s = img.plane(img.channels() == 3 ? c : 0)[i];
                out[c][i] = 0.5f * s + 0.5f * 255f * heat[c];
            }
        }
        return new Planar(img.width(), img.height(), out);
    }

    private static float clamp(float x) {
        return Math.max(0, Math.min(1, x));
    }
}
