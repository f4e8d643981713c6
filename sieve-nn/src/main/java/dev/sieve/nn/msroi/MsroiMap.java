package dev.sieve.nn.msroi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.sieve.image.Planar;
import dev.sieve.image.saliency.SaliencyMap;
import dev.sieve.nn.data.ImageFit;
import dev.sieve.nn.model.Network;
import dev.sieve.nn.model.SieveModel;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * The multi-structure region-of-interest map of thesis §2.3 and its augmented form Aug-MSROI (§3.6),
 * from an MS-ROI network ({@link Network.Head#CLASS_MAPS}).
 *
 * <p>The network runs fully convolutionally on the whole image (resized to
 * {@link MsroiOptions#shortSide}, aspect kept, edge-padded to a multiple of its stride). Its head
 * gives D feature maps {@code f_d^c} (after ReLU) and a score map {@code s^c(x, y)} per class; the
 * class score is {@code Z^c = mean_{x,y} s^c} (eq. 2.4 divided by the number of positions, so
 * {@code T} does not depend on image size; it is the logit of eq. 2.6). The map is eq. 2.5 over the
 * selected classes, {@code M̂ = Σ_c w_c max(0, s^c)} ({@link ClassEvidence#SCORES}, the default) or
 * {@code Σ_c w_c Σ_d f_d^c} ({@link ClassEvidence#FEATURES}, eq. 2.5 as written), sampled bilinearly at every image
 * pixel from the cell centres ({@code (i + ½)·stride − ½} in network input pixels) and divided by
 * its maximum: values in [0, 1], the image's size, aligned with it; all 0 when no class has positive
 * evidence anywhere. Deterministic: the same model, image and options give the same map.
 */
public final class MsroiMap {
    /** A map with what it was made of. */
    public record Result(SaliencyMap map, float[] classScores, int[] selected, float[] weights) {
    }

    private MsroiMap() {
    }

    /** MS-ROI map of {@code image} (eq. 2.5). */
    public static Result compute(SieveModel model, Planar image, MsroiOptions options) {
        return compute(model, image, options, image.width(), image.height());
    }

    /** MS-ROI map of {@code image} (eq. 2.5) sampled at {@code w × h} pixels stretched over the image (a fusion's working size). */
    public static Result compute(SieveModel model, Planar image, MsroiOptions options, int w, int h) {
        requireMsroi(model);
        if (w < 1 || h < 1) {
            throw new IllegalArgumentException("map size must be positive, got " + w + "x" + h);
        }
        return pass(model, image, options, 0, 0, 0f, null, null, w, h);
    }

    /**
     * Aug-MSROI map (thesis §3.6): the mean of {@link Perturbations#passes} maps, each from a randomly
     * perturbed input and randomly perturbed activations, each with its own class selection, divided
     * by its maximum. {@code seed} fixes every perturbation.
     */
    public static SaliencyMap augmented(SieveModel model, Planar image, MsroiOptions options, Perturbations perturbations, long seed) {
        requireMsroi(model);
        float[] sum = new float[image.pixels()];
        SplittableRandom master = new SplittableRandom(seed);
        for (int p = 0; p < perturbations.passes(); p++) {
            SplittableRandom rnd = master.split();
            int j = perturbations.jitter();
            int dx = j == 0 ? 0 : rnd.nextInt(-j, j + 1), dy = j == 0 ? 0 : rnd.nextInt(-j, j + 1);
            SplittableRandom noise = rnd.split();
            float sigma = perturbations.activationNoise();
            UnaryOperator<NDArray> hook = sigma == 0 ? null : a -> perturb(a, sigma, noise);
            float[] m = pass(model, image, options, dx, dy, perturbations.inputNoise(), noise, hook, image.width(), image.height()).map().values();
            for (int i = 0; i < sum.length; i++) {
                sum[i] += m[i];
            }
        }
        normalizeByMax(sum);
        return new SaliencyMap(image.width(), image.height(), sum);
    }

    private static final Map<Network, Integer> STRIDES = Collections.synchronizedMap(new WeakHashMap<>());

    /** Network stride: input pixels per feature cell (DJL's shape inference is slow, so it is cached). */
    public static int stride(SieveModel model) {
        return STRIDES.computeIfAbsent(model.network(), net -> {
            int probe = 1024;
            Shape f = net.featureShape(new Shape(1, model.input().channels(), probe, probe));
            return Math.max(1, probe / (int) f.get(2));
        });
    }

    private static void requireMsroi(SieveModel model) {
        if (!MsroiModels.isMsroi(model)) {
            throw new IllegalArgumentException(model.info().architecture() + " is not an MS-ROI network");
        }
    }

    private static Result pass(SieveModel model, Planar image, MsroiOptions o, int dx, int dy, float inputNoise,
            SplittableRandom noise, UnaryOperator<NDArray> hook, int w, int h) {
        int iw = image.width(), ih = image.height();
        int sw = iw, sh = ih;
        if (o.shortSide() > 0) {
            double s = (double) o.shortSide() / Math.min(iw, ih);
            sw = Math.max(1, (int) Math.round(iw * s));
            sh = Math.max(1, (int) Math.round(ih * s));
        }
        if ((long) sw * sh > MsroiOptions.MAX_INPUT_PIXELS) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "MS-ROI network input of %d x %d pixels is over the limit of %.1f MP; use a smaller input short side",
                    sw, sh, MsroiOptions.MAX_INPUT_PIXELS / 1e6));
        }
        int c = model.input().channels();
        Planar scaled = ImageFit.fit(image, c, sw, sh);
        int stride = stride(model);
        int pw = ceilTo(sw + Math.abs(dx), stride), ph = ceilTo(sh + Math.abs(dy), stride);
        int ox = Math.max(dx, 0), oy = Math.max(dy, 0);
        float[] raw = canvas(scaled, pw, ph, ox, oy);
        if (inputNoise > 0) {
            for (int i = 0; i < raw.length; i++) {
                raw[i] = Math.max(0f, Math.min(255f, raw[i] + (float) (inputNoise * gaussian(noise))));
            }
        }
        float[] scores;
        float[] maps;
        int fh, fw, perClass;
        try (NDManager m = model.model().getNDManager().newSubManager()) {
            NDList out = model.forwardImage(m, raw, ph, pw, hook == null ? UnaryOperator.identity() : hook);
            scores = out.get(0).toFloatArray();
            NDArray evidence = o.evidence() == ClassEvidence.FEATURES ? out.get(2) : out.get(1);
            Shape fs = evidence.getShape();
            fh = (int) fs.get(2);
            fw = (int) fs.get(3);
            perClass = (int) fs.get(1) / scores.length;
            maps = evidence.toFloatArray();
        }
        int[] selected = select(scores, o);
        float[] weights = new float[selected.length];
        for (int i = 0; i < selected.length; i++) {
            weights[i] = o.selection() == RoiSelection.TOP_K ? selected.length - i : 1;
        }
        float[] grid = new float[fh * fw];
        for (int i = 0; i < selected.length; i++) {
            for (int d = 0; d < perClass; d++) {
                int base = (selected[i] * perClass + d) * fh * fw;
                for (int p = 0; p < grid.length; p++) {
                    grid[p] += weights[i] * Math.max(0f, maps[base + p]);
                }
            }
        }
        float cellW = (float) pw / fw, cellH = (float) ph / fh;
        float[] out = new float[w * h];
        float[] ux = new float[w];
        for (int x = 0; x < w; x++) {
            float X = (x + 0.5f) * sw / w - 0.5f + ox;
            ux[x] = Math.max(0f, Math.min(fw - 1, (X + 0.5f) / cellW - 0.5f));
        }
        for (int y = 0; y < h; y++) {
            float Y = (y + 0.5f) * sh / h - 0.5f + oy;
            float v = Math.max(0f, Math.min(fh - 1, (Y + 0.5f) / cellH - 0.5f));
            int y0 = (int) v, y1 = Math.min(y0 + 1, fh - 1);
            float fy = v - y0;
            for (int x = 0; x < w; x++) {
                float u = ux[x];
                int x0 = (int) u, x1 = Math.min(x0 + 1, fw - 1);
                float fx = u - x0;
                float top = grid[y0 * fw + x0] * (1 - fx) + grid[y0 * fw + x1] * fx;
                float bottom = grid[y1 * fw + x0] * (1 - fx) + grid[y1 * fw + x1] * fx;
                out[y * w + x] = top * (1 - fy) + bottom * fy;
            }
        }
        normalizeByMax(out);
        return new Result(new SaliencyMap(w, h, out), scores, selected, weights);
    }

    /** Classes selected by {@code o}, highest score first (ties: lower index first). */
    static int[] select(float[] z, MsroiOptions o) {
        Integer[] order = new Integer[z.length];
        for (int i = 0; i < z.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> z[a] != z[b] ? Float.compare(z[b], z[a]) : Integer.compare(a, b));
        if (o.selection() == RoiSelection.TOP_K) {
            int k = Math.min(o.topK(), z.length);
            int[] top = new int[k];
            for (int i = 0; i < k; i++) {
                top[i] = order[i];
            }
            return top;
        }
        return Arrays.stream(order).filter(c -> z[c] > o.threshold()).mapToInt(Integer::intValue).toArray();
    }

    /** CHW samples of {@code img} placed at {@code (ox, oy)} on a {@code pw × ph} canvas, edges replicated. */
    private static float[] canvas(Planar img, int pw, int ph, int ox, int oy) {
        int c = img.channels(), w = img.width(), h = img.height();
        float[] raw = new float[c * pw * ph];
        for (int k = 0; k < c; k++) {
            float[] src = img.plane(k);
            for (int y = 0; y < ph; y++) {
                int sy = Math.max(0, Math.min(h - 1, y - oy));
                for (int x = 0; x < pw; x++) {
                    int sx = Math.max(0, Math.min(w - 1, x - ox));
                    raw[(k * ph + y) * pw + x] = src[sy * w + sx];
                }
            }
        }
        return raw;
    }

    private static NDArray perturb(NDArray a, float sigma, SplittableRandom rnd) {
        float rms = (float) Math.sqrt(a.pow(2).mean().getFloat());
        float[] n = new float[(int) a.size()];
        for (int i = 0; i < n.length; i++) {
            n[i] = (float) (sigma * rms * gaussian(rnd));
        }
        return a.add(a.getManager().create(n, a.getShape()));
    }

    private static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble(), v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static void normalizeByMax(float[] v) {
        float max = 0;
        for (float x : v) {
            max = Math.max(max, x);
        }
        for (int i = 0; i < v.length; i++) {
            v[i] = max > 0 ? v[i] / max : 0;
        }
    }

    private static int ceilTo(int v, int m) {
        return (v + m - 1) / m * m;
    }
}
