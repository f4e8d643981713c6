package dev.sieve.image.saliency;

/**
 * The centre-bias prior of photographs: a centred Gaussian with σ = ¼ of each side, maximum 1.
 * A baseline for localization scores and a weak source for {@link SaliencyFusion}.
 */
public final class CenterPrior {
    private CenterPrior() {
    }

    /** The prior for a {@code w × h} image. */
    public static SaliencyMap of(int w, int h) {
        float[] v = new float[w * h];
        double sx = w / 4.0, sy = h / 4.0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double dx = (x + 0.5 - w / 2.0) / sx, dy = (y + 0.5 - h / 2.0) / sy;
                v[y * w + x] = (float) Math.exp(-0.5 * (dx * dx + dy * dy));
            }
        }
        return new SaliencyMap(w, h, v);
    }
}
