package dev.sieve.nn.cam;

import dev.sieve.image.Planar;
import dev.sieve.image.saliency.SaliencyMap;

/**
 * Class activation maps (Zhou et al. 2016) and the robust activation map R-CAM of thesis §4.6.1.
 */
public final class ClassActivationMaps {
    private ClassActivationMaps() {
    }

    /**
     * CAM of class {@code c}, thesis eq. 2.2 / 4.4: {@code M_c(x, y) = Σ_d w_d^c f_d(x, y)}
     * (bias left out, as in the thesis). For a flattening head the weight of each position is its
     * own, {@code M_c(x, y) = Σ_d w_{d,x,y}^c f_d(x, y)}; either way the map summed over space (÷
     * area for average pooling) plus the bias is the class logit. Row-major {@code height × width}.
     */
    public static float[] cam(Activations a, int c) {
        if (c < 0 || c >= a.classes()) {
            throw new IllegalArgumentException("class " + c + " outside 0.." + (a.classes() - 1));
        }
        int hw = a.height() * a.width();
        float[] m = new float[hw];
        float[] f = a.features(), w = a.weights();
        for (int d = 0; d < a.channels(); d++) {
            for (int p = 0; p < hw; p++) {
                float wd = a.perPosition() ? w[(c * a.channels() + d) * hw + p] : w[c * a.channels() + d];
                m[p] += wd * f[d * hw + p];
            }
        }
        return m;
    }

    /** The {@code k} classes of highest logit, best first (ties: lower index first). */
    public static int[] topClasses(float[] logits, int k) {
        int n = Math.min(k, logits.length);
        int[] top = new int[n];
        boolean[] used = new boolean[logits.length];
        for (int i = 0; i < n; i++) {
            int best = -1;
            for (int c = 0; c < logits.length; c++) {
                if (!used[c] && (best < 0 || logits[c] > logits[best])) {
                    best = c;
                }
            }
            used[best] = true;
            top[i] = best;
        }
        return top;
    }

    /**
     * R-CAM, thesis eq. 4.5: {@code M̂ = Σ_{i=1..k} M_{c_i} / 2^i} over the top-{@code k} classes
     * {@code c_1..c_k}, divided by its maximum so values lie in [0, 1]; negative evidence is cut to
     * 0 (the thesis divides by the max only; a map with no positive value is all 0).
     */
    public static float[] robust(Activations a, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("R-CAM needs k ≥ 1, got " + k);
        }
        int[] top = topClasses(a.logits(), k);
        float[] sum = new float[a.height() * a.width()];
        for (int i = 0; i < top.length; i++) {
            float[] m = cam(a, top[i]);
            float weight = (float) Math.pow(2, -(i + 1));
            for (int p = 0; p < sum.length; p++) {
                sum[p] += weight * m[p];
            }
        }
        float max = 0;
        for (float v : sum) {
            max = Math.max(max, v);
        }
        for (int p = 0; p < sum.length; p++) {
            sum[p] = max > 0 ? Math.max(0, sum[p] / max) : 0;
        }
        return sum;
    }

    /** The R-CAM of {@code image} from {@code source}, stretched to the image's size. */
    public static SaliencyMap rcam(ActivationSource source, Planar image, int k) {
        Activations a = source.activations(image);
        return new SaliencyMap(a.width(), a.height(), robust(a, k)).resizedTo(image.width(), image.height());
    }
}
