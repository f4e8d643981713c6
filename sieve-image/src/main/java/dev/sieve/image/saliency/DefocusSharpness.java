package dev.sieve.image.saliency;

import dev.sieve.image.GaussianBlur;
import dev.sieve.image.Planar;
import dev.sieve.image.Resample;
import dev.sieve.image.YCbCr;

/**
 * Saliency from focus: a photographer keeps the subject sharp and lets the rest blur (depth of field).
 * The blur of each edge is estimated as Zhuo &amp; Sim, "Defocus map estimation from a single image",
 * Pattern Recognition 44(9), 2011: the luma re-blurred with a Gaussian of σ0 = 1 px, the ratio of gradient
 * magnitudes {@code R = |∇I| / |∇I_b|} at an edge gives its blur {@code σ = σ0 / √(R² − 1)} (a step edge
 * blurred by σ has gradient peak ∝ 1/σ, re-blurred ∝ 1/√(σ² + σ0²)). Edges are the pixels whose gradient
 * magnitude is at least {@link #EDGE} grey levels per pixel and a maximum across the edge (non-maximum
 * suppression in 4 directions). The luma is analysed with its longer side at most {@link #ANALYSIS_SIDE} px.
 * An edge's sharpness is {@code 1 / (1 + σ)} (σ capped at {@link #MAX_SIGMA} px); a superpixel scores the sum of its
 * edges' sharpness per pixel, so a blurred or flat region scores near 0 and the sharp subject's superpixels
 * highest. The scores are divided by their maximum and multiplied by the map's <b>depth-of-field confidence</b>
 * {@code clamp((c − C0) / (C1 − C0), 0, 1) · clamp((b − B0) / (B1 − B0), 0, 1)}: c = share of the map's mass in its
 * top 10 % of pixels, so a photo sharp everywhere (a landscape, a textured table) has no focus cue; b = the
 * <b>blurred-edge share</b>, the share of the pixels with a gradient of at least {@link #WEAK_EDGE} grey levels per
 * pixel whose blur estimate is at least {@link #BLURRED_SIGMA} px, so a photo whose only sharp detail stands against
 * a flat area (a horizon under a clean sky) has none either, while a subject before a defocused background (bokeh)
 * keeps it (C0, C1 = {@link #SPREAD}, {@link #CONCENTRATED}; B0, B1 = {@link #BOKEH_NONE}, {@link #BOKEH_FULL};
 * chosen on the validation photos of {@code docs/results/saliency-photos.md}). Values are scores in [0, 1] at the
 * segmentation's size (all 0 without edges). Name {@code focus}.
 */
public final class DefocusSharpness implements SaliencySource {
    /** Longest side (px) of the analysed luma. */
    public static final int ANALYSIS_SIDE = 640;
    /** Re-blur σ0 (px). */
    static final double SIGMA0 = 1;
    /** Weakest edge, grey levels (0–255) per pixel of central-difference gradient. */
    static final float EDGE = 6;
    /** Largest blur estimate (px). */
    static final double MAX_SIGMA = 8;
    /** Concentration (mass share of the top 10 %) at or below which the map gets confidence 0. */
    static final double SPREAD = 0.3;
    /** Concentration at or above which the map gets confidence 1. */
    static final double CONCENTRATED = 0.6;
    /** Weakest gradient (grey levels per pixel) counted by the blurred-edge share. */
    static final float WEAK_EDGE = 2;
    /** Blur estimate (px) from which a gradient pixel counts as blurred. */
    static final double BLURRED_SIGMA = 2;
    /** Blurred-edge share at or below which the map gets confidence 0. */
    static final double BOKEH_NONE = 0.28;
    /** Blurred-edge share at or above which the blur gate is open. */
    static final double BOKEH_FULL = 0.40;
    private final SuperpixelRefinement work = SuperpixelRefinement.DEFAULT;

    @Override
    public String name() {
        return "focus";
    }

    @Override
    public SaliencyMap map(Planar rgb) {
        return map(rgb, work.segment(rgb));
    }

    @Override
    public SaliencyMap map(Planar rgb, Slic.Segmentation seg) {
        int w = rgb.width(), h = rgb.height();
        double scale = Math.min(1, (double) ANALYSIS_SIDE / Math.max(w, h));
        int aw = Math.max(1, (int) Math.round(w * scale)), ah = Math.max(1, (int) Math.round(h * scale));
        float[] luma = Resample.resize(YCbCr.luma(rgb), w, h, aw, ah);
        Edges edges = edges(luma, aw, ah);
        float[] sharp = edges.sharpness();
        int k = seg.count(), sw = seg.width(), sh = seg.height();
        int[] labels = seg.labels();
        double[] sum = new double[k];
        int[] count = new int[k];
        for (int y = 0; y < ah; y++) {
            int sy = Math.min(sh - 1, (int) ((y + 0.5) * sh / ah));
            for (int x = 0; x < aw; x++) {
                int c = labels[sy * sw + Math.min(sw - 1, (int) ((x + 0.5) * sw / aw))];
                sum[c] += sharp[y * aw + x];
                count[c]++;
            }
        }
        double max = 0;
        double[] v = new double[k];
        for (int c = 0; c < k; c++) {
            v[c] = count[c] > 0 ? sum[c] / count[c] : 0;
            max = Math.max(max, v[c]);
        }
        float[] out = new float[sw * sh];
        for (int p = 0; p < out.length; p++) {
            out[p] = max > 0 ? (float) (v[labels[p]] / max) : 0f;
        }
        double gain = confidence(out) * bokeh(edges.blurredShare());
        for (int p = 0; p < out.length; p++) {
            out[p] *= (float) gain;
        }
        return new SaliencyMap(sw, sh, out);
    }

    /** The depth-of-field confidence of a map in [0, 1] (see the class comment); 0 for an all-zero map. */
    static double confidence(float[] map) {
        float[] v = map.clone();
        java.util.Arrays.sort(v);
        double all = 0, top = 0;
        for (int i = 0; i < v.length; i++) {
            all += v[i];
            if (i >= v.length - v.length / 10) {
                top += v[i];
            }
        }
        if (all <= 0) {
            return 0;
        }
        return Math.max(0, Math.min(1, (top / all - SPREAD) / (CONCENTRATED - SPREAD)));
    }

    /** The blur gate of the depth-of-field confidence in [0, 1] for a blurred-edge share (see the class comment). */
    static double bokeh(double blurredShare) {
        return Math.max(0, Math.min(1, (blurredShare - BOKEH_NONE) / (BOKEH_FULL - BOKEH_NONE)));
    }

    /**
     * The edges of a luma: per pixel the sharpness {@code 1 / (1 + σ)} of an edge there (0 off edges), and the
     * blurred-edge share (0 without gradients).
     */
    record Edges(float[] sharpness, double blurredShare) {
    }

    /** Per pixel of the {@code w × h} luma: the sharpness {@code 1 / (1 + σ)} of an edge there, 0 off edges. */
    static float[] edgeSharpness(float[] luma, int w, int h) {
        return edges(luma, w, h).sharpness();
    }

    /** The {@link Edges} of a {@code w × h} luma. */
    static Edges edges(float[] luma, int w, int h) {
        float[] blurred = GaussianBlur.apply(luma, w, h, SIGMA0);
        float[] gx = new float[w * h], gy = new float[w * h], g = new float[w * h], gb = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x, l = y * w + Math.max(0, x - 1), r = y * w + Math.min(w - 1, x + 1);
                int u = Math.max(0, y - 1) * w + x, d = Math.min(h - 1, y + 1) * w + x;
                gx[i] = (luma[r] - luma[l]) / 2;
                gy[i] = (luma[d] - luma[u]) / 2;
                float bx = (blurred[r] - blurred[l]) / 2, by = (blurred[d] - blurred[u]) / 2;
                g[i] = (float) Math.sqrt(gx[i] * gx[i] + gy[i] * gy[i]);
                gb[i] = (float) Math.sqrt(bx * bx + by * by);
            }
        }
        float[] sharp = new float[w * h];
        long gradients = 0, blurredCount = 0;
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int i = y * w + x;
                if (g[i] < WEAK_EDGE) {
                    continue;
                }
                double ratio = g[i] / Math.max(gb[i], 1e-6f);
                double sigma = ratio > 1 ? Math.min(MAX_SIGMA, SIGMA0 / Math.sqrt(ratio * ratio - 1)) : MAX_SIGMA;
                gradients++;
                if (sigma >= BLURRED_SIGMA) {
                    blurredCount++;
                }
                if (g[i] >= EDGE && acrossMaximum(g, w, i, gx[i], gy[i])) {
                    sharp[i] = (float) (1 / (1 + sigma));
                }
            }
        }
        return new Edges(sharp, gradients > 0 ? (double) blurredCount / gradients : 0);
    }

    /** The blurred-edge share of a photo (see the class comment), analysed as {@link #map} does. */
    static double blurredShare(Planar rgb) {
        int w = rgb.width(), h = rgb.height();
        double scale = Math.min(1, (double) ANALYSIS_SIDE / Math.max(w, h));
        int aw = Math.max(1, (int) Math.round(w * scale)), ah = Math.max(1, (int) Math.round(h * scale));
        return edges(Resample.resize(YCbCr.luma(rgb), w, h, aw, ah), aw, ah).blurredShare();
    }

    /** tan 22.5° and tan 67.5°: the bounds of the four gradient directions of {@link #acrossMaximum}. */
    private static final double TAN_22_5 = Math.tan(Math.toRadians(22.5)), TAN_67_5 = Math.tan(Math.toRadians(67.5));

    /** Whether {@code g[i]} is at least its two neighbours along the gradient (quantized to 0°, 45°, 90°, 135°). */
    private static boolean acrossMaximum(float[] g, int w, int i, float gx, float gy) {
        double ax = Math.abs(gx), ay = Math.abs(gy);
        int step;
        if (ay < TAN_22_5 * ax) {
            step = 1;
        } else if (ay >= TAN_67_5 * ax) {
            step = w;
        } else {
            step = (gx > 0) == (gy > 0) ? w + 1 : w - 1;
        }
        return g[i] >= g[i - step] && g[i] >= g[i + step];
    }
}
