package dev.sieve.image.defense;

import dev.sieve.image.Planar;

/**
 * Pipeline stage {@code bilateral}: the bilateral filter (Tomasi &amp; Manduchi 1998; thesis Table
 * 4.11's "Bilateral"), as scikit-image's {@code denoise_bilateral} with {@code mode='edge'}: each
 * pixel becomes the mean of its (2r+1)² window weighted by
 * {@code exp(−d²/2σ_c²) · exp(−(Δx² + Δy²)/2σ_s²)}, d the Euclidean distance between the two pixels'
 * colours (all channels, samples on [0, 1]); outside the image the edge pixel repeats. Parameters:
 * {@code sigma-color=0.1} (on [0, 1] samples), {@code sigma-spatial=1} (pixels), {@code radius}
 * (default max(2, ⌈3σ_s⌉), scikit-image's window).
 */
public final class BilateralFilter implements Defense {
    private final double sigmaColor;
    private final double sigmaSpatial;
    private final int radius;

    public BilateralFilter(double sigmaColor, double sigmaSpatial, int radius) {
        if (!(sigmaColor > 0 && sigmaColor <= 10) || !(sigmaSpatial > 0 && sigmaSpatial <= 100)) {
            throw new IllegalArgumentException("bilateral sigmas must be positive (sigma-color ≤ 10, sigma-spatial ≤ 100), got "
                    + sigmaColor + " and " + sigmaSpatial);
        }
        if (radius < 1 || radius > 300) {
            throw new IllegalArgumentException("bilateral radius must be 1..300, got " + radius);
        }
        this.sigmaColor = sigmaColor;
        this.sigmaSpatial = sigmaSpatial;
        this.radius = radius;
    }

    /** scikit-image's default window half-width for {@code sigmaSpatial}. */
    public static int defaultRadius(double sigmaSpatial) {
        return Math.max(2, (int) Math.ceil(3 * sigmaSpatial));
    }

    static BilateralFilter fromParams(DefenseParams p) {
        p.allow("sigma-color", "sigma-spatial", "radius");
        try {
            double s = p.number("sigma-spatial", 1);
            return new BilateralFilter(p.number("sigma-color", 0.1), s, p.integer("radius", defaultRadius(s)));
        } catch (IllegalArgumentException e) {
            throw p.invalid(e);
        }
    }

    @Override
    public Planar apply(Planar img, long seed) {
        int w = img.width(), h = img.height(), nc = img.channels(), side = 2 * radius + 1;
        double[] spatial = new double[side * side];
        for (int dy = -radius; dy <= radius; dy++) {
            for (int dx = -radius; dx <= radius; dx++) {
                spatial[(dy + radius) * side + dx + radius] = Math.exp(-(dx * dx + dy * dy) / (2 * sigmaSpatial * sigmaSpatial));
            }
        }
        double colorScale = -1 / (2 * sigmaColor * sigmaColor * 255.0 * 255.0);
        float[][] src = new float[nc][], dst = new float[nc][w * h];
        for (int c = 0; c < nc; c++) {
            src[c] = img.plane(c);
        }
        java.util.stream.IntStream.range(0, h).parallel().forEach(y -> {
            double[] acc = new double[nc];
            for (int x = 0; x < w; x++) {
                int centre = y * w + x;
                double norm = 0;
                java.util.Arrays.fill(acc, 0);
                for (int dy = -radius; dy <= radius; dy++) {
                    int yy = Math.min(h - 1, Math.max(0, y + dy));
                    for (int dx = -radius; dx <= radius; dx++) {
                        int q = yy * w + Math.min(w - 1, Math.max(0, x + dx));
                        double d2 = 0;
                        for (int c = 0; c < nc; c++) {
                            double d = src[c][q] - src[c][centre];
                            d2 += d * d;
                        }
                        double weight = spatial[(dy + radius) * side + dx + radius] * Math.exp(d2 * colorScale);
                        norm += weight;
                        for (int c = 0; c < nc; c++) {
                            acc[c] += weight * src[c][q];
                        }
                    }
                }
                for (int c = 0; c < nc; c++) {
                    dst[c][centre] = (float) (acc[c] / norm);
                }
            }
        });
        return new Planar(w, h, dst);
    }

    @Override
    public boolean randomized() {
        return false;
    }

    @Override
    public String spec() {
        return "bilateral:sigma-color=" + sigmaColor + ",sigma-spatial=" + sigmaSpatial + ",radius=" + radius;
    }
}
