package dev.sieve.jpeg;

import dev.sieve.image.Planar;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * JPEG encoder (ITU-T T.81) in stages: the coefficient stage ({@link CoefficientImage}: colour
 * conversion, chroma subsampling, 8×8 float AAN DCT) → quantization → Huffman coding (Annex K.3
 * tables or two-pass optimal tables) → markers. Quantization is round-to-nearest
 * ({@link Tune#CLASSIC}, optionally coarser per block, see {@link BlockQuality}) or rate-distortion
 * optimized ({@link Tune#PSNR}, {@link Tune#VISUAL}: {@link Trellis} per block, optionally weighted
 * per block by {@link BlockWeights}, with the Huffman code lengths it prices bits by taken from a
 * first trellis pass, the Annex K.3 lengths before that).
 *
 * <p>Output: baseline sequential JFIF 1.01 (SOF0), or progressive (SOF2) with spectral selection
 * and successive approximation, the scan script searched per image for the smallest file (DC in
 * one interleaved scan, one per component, or luma and Cb+Cr, Al 0–2 plus refinements; each
 * component's AC as 1–63 or a low and a high band, Al 0–3 per band plus refinements; optimal
 * tables per scan, shared where that is smaller; see {@link EntropyEncoder}). 8-bit, 1 component
 * (grayscale input) or 3 (YCbCr). Edge blocks are padded by replicating the last row and column.
 * Any size from 1×1 to 65535×65535. All stages run on all cores; the output bytes do not depend
 * on the number of threads. A size or λ search keeps one {@link CoefficientImage} and calls
 * {@link #encode(CoefficientImage, JpegOptions, BlockQuality, BlockWeights)} per trial: the bytes
 * equal those of a fresh encode of the image.
 */
public final class JpegEncoder {
    private JpegEncoder() {
    }

    /** Encodes {@code img} (1 or 3 channels, samples in [0, 255]) with one quality for all blocks. */
    public static byte[] encode(Planar img, JpegOptions options) {
        return encode(img, options, null);
    }

    /**
     * Encodes {@code img} with a per-block quality inside the transmitted tables of
     * {@code options.quality()}; {@code blocks} may be null (uniform quality).
     */
    public static byte[] encode(Planar img, JpegOptions options, BlockQuality blocks) {
        return encode(CoefficientImage.of(img, options.subsampling()), options, blocks, null);
    }

    /** Encodes already transformed coefficients with one quality for all blocks. */
    public static byte[] encode(CoefficientImage coefficients, JpegOptions options) {
        return encode(coefficients, options, null, null);
    }

    /**
     * Quantizes and entropy-codes {@code ci}. {@code blocks} (per-block quality, classic tune only)
     * and {@code weights} (per-block distortion weights, rate-distortion tunes only) may be null.
     */
    public static byte[] encode(CoefficientImage ci, JpegOptions options, BlockQuality blocks, BlockWeights weights) {
        if (ci.planes.length == 3 && ci.subsampling != options.subsampling()) {
            throw new IllegalArgumentException("coefficients are " + ci.subsampling + ", options ask for "
                    + options.subsampling());
        }
        int bw = ci.blocksWide(), bh = ci.blocksHigh();
        if (blocks != null && (blocks.blocksWide() != bw || blocks.blocksHigh() != bh)) {
            throw new IllegalArgumentException("block qualities are for a " + blocks.blocksWide() + "x"
                    + blocks.blocksHigh() + " grid, image needs " + bw + "x" + bh);
        }
        if (weights != null && (weights.blocksWide() != bw || weights.blocksHigh() != bh)) {
            throw new IllegalArgumentException("block weights are for a " + weights.blocksWide() + "x"
                    + weights.blocksHigh() + " grid, image needs " + bw + "x" + bh);
        }
        Tune tune = options.tune();
        if (blocks != null && tune.rdo()) {
            throw new IllegalArgumentException("per-block qualities need the classic tune; use block weights with " + tune);
        }
        if (weights != null && !tune.rdo()) {
            throw new IllegalArgumentException("block weights need a rate-distortion tune (psnr or visual), not " + tune);
        }
        Frame f = new Frame(ci, options);
        if (tune.rdo()) {
            quantizeRdo(f, options, weights);
        } else {
            prepareQuantization(f, options.quality(), blocks, tune.tables);
            quantizeAll(f, blocks != null && blocks.method() == BlockQuality.Method.REQUANTIZE);
        }
        return new EntropyEncoder(f, options).write();
    }

    /** One colour component: block grid, quantization table and quantized coefficients (natural order). */
    static final class Component {
        final int id;
        final int h;
        final int v;
        final int tableIndex;
        final int blocksWide;
        final int blocksHigh;
        final int realBlocksWide;
        final int realBlocksHigh;
        final float[] dct;
        final short[] coef;
        float[] divisors;
        /** Per-block index into {@link #ratios}, or null for uniform quality. */
        int[] level;
        /** Per level: E_b[k] / T[k] in natural order. */
        float[][] ratios;

        Component(int id, int tableIndex, CoefficientImage.Plane p) {
            this.id = id;
            this.h = p.h;
            this.v = p.v;
            this.tableIndex = tableIndex;
            this.blocksWide = p.blocksWide;
            this.blocksHigh = p.blocksHigh;
            this.realBlocksWide = p.realBlocksWide;
            this.realBlocksHigh = p.realBlocksHigh;
            this.dct = p.dct;
            this.coef = new short[blocksWide * blocksHigh * 64];
        }
    }

    /** Frame geometry: MCU grid (padded to whole MCUs), components and quantization tables. */
    static final class Frame {
        final int width;
        final int height;
        final int hmax;
        final int mcusWide;
        final int mcusHigh;
        final Subsampling subsampling;
        final Component[] components;
        final int[][] tables;

        Frame(CoefficientImage ci, JpegOptions o) {
            this.subsampling = ci.subsampling;
            this.width = ci.width;
            this.height = ci.height;
            this.hmax = ci.hmax;
            this.mcusWide = ci.mcusWide;
            this.mcusHigh = ci.mcusHigh;
            QuantTable.Base base = o.tune().tables;
            if (ci.planes.length == 1) {
                tables = new int[][] {QuantTable.forQuality(base, o.quality(), true)};
                components = new Component[] {new Component(1, 0, ci.planes[0])};
                return;
            }
            tables = new int[][] {QuantTable.forQuality(base, o.quality(), true),
                QuantTable.forQuality(base, o.quality(), false, ci.subsampling)};
            components = new Component[] {
                new Component(1, 0, ci.planes[0]), new Component(2, 1, ci.planes[1]), new Component(3, 1, ci.planes[2])
            };
        }
    }

    /** Sets each component's divisors and, with per-block qualities, its per-block ratio tables. */
    static void prepareQuantization(Frame f, double tableQuality, BlockQuality blocks, QuantTable.Base base) {
        for (Component c : f.components) {
            int[] table = f.tables[c.tableIndex];
            c.divisors = ForwardDct.divisors(table);
            if (blocks == null) {
                continue;
            }
            Map<Float, Integer> index = new HashMap<>();
            List<float[]> tableRatios = new ArrayList<>();
            c.level = new int[c.blocksWide * c.blocksHigh];
            int cover = f.hmax / c.h;
            for (int by = 0; by < c.blocksHigh; by++) {
                for (int bx = 0; bx < c.blocksWide; bx++) {
                    float q = 0;
                    for (int dy = 0; dy < cover; dy++) {
                        for (int dx = 0; dx < cover; dx++) {
                            q = Math.max(q, blocks.at(bx * cover + dx, by * cover + dy));
                        }
                    }
                    float qb = (float) Math.min(q, tableQuality);
                    c.level[by * c.blocksWide + bx] = index.computeIfAbsent(qb, k -> {
                        int[] e = QuantTable.forQuality(base, k, c.tableIndex == 0, f.subsampling);
                        float[] r = new float[64];
                        for (int i = 0; i < 64; i++) {
                            r[i] = Math.max(1f, (float) e[i] / table[i]);
                        }
                        tableRatios.add(r);
                        return tableRatios.size() - 1;
                    });
                }
            }
            c.ratios = tableRatios.toArray(new float[0][]);
        }
    }

    /** Round-to-nearest (or per-block coarser) quantization of every block, one block row per task. */
    static void quantizeAll(Frame f, boolean requantize) {
        for (Component c : f.components) {
            IntStream.range(0, c.blocksHigh).parallel().forEach(by -> {
                for (int bx = 0; bx < c.blocksWide; bx++) {
                    quantizeBlock(c, by * c.blocksWide + bx, requantize);
                }
            });
        }
    }

    /**
     * Quantizes one block of {@code c.dct} into {@code c.coef}, natural order. Rounding is half up:
     * ⌊x + ½⌋ (exact for |x| &lt; 2¹⁴).
     */
    private static void quantizeBlock(Component c, int block, boolean requantize) {
        float[] div = c.divisors;
        float[] blk = c.dct;
        short[] coef = c.coef;
        int out = block * 64;
        if (c.level == null) {
            for (int k = 0; k < 64; k++) {
                coef[out + k] = (short) ((int) (blk[out + k] * div[k] + 16384.5f) - 16384);
            }
            return;
        }
        float[] e = c.ratios[c.level[block]];
        for (int k = 0; k < 64; k++) {
            float x = blk[out + k] * div[k];
            float en = e[k];
            int v;
            if (requantize) {
                float coarse = (int) (x / en + 16384.5f) - 16384;
                v = (int) (coarse * en + 16384.5f) - 16384;
            } else {
                v = en > 1f && Math.abs(x) < 0.5f * en ? 0 : (int) (x + 16384.5f) - 16384;
            }
            coef[out + k] = (short) v;
        }
    }

    /**
     * Rate-distortion optimized quantization: DC rounded to nearest (a Viterbi choice between the two
     * nearest DC levels along each MCU row, priced by the DC code lengths, changed PSNR at equal bytes
     * by less than 0.01 dB on the measurement photos, so it is not done), AC by {@link Trellis} with
     * λ_b = λ / w_b; two passes (Annex K.3 code lengths, then the optimal lengths
     * of the first pass's symbols, every legal symbol counted once more so that unused ones keep a
     * finite price). Not done either, measured with {@code --tune psnr} on the photo set at the size of
     * Q50: a third pass (0.00 dB); refitting each table entry to the least-squares step of the chosen
     * levels and repeating the trellis (mozjpeg's {@code trellis_q_opt}: +0.01 dB plain, +0.06 dB
     * subject PSNR at equal whole-image PSNR in direct mode, for two more trellis passes); pricing an
     * all-zero block's EOB at half or nothing (progressive EOB runs make it cheap: +0.00 dB plain,
     * whole-image RGB PSNR −0.02 to −0.05 dB in direct mode).
     */
    static void quantizeRdo(Frame f, JpegOptions o, BlockWeights weights) {
        Tune tune = o.tune();
        double meanSq = 0;
        for (int t : f.tables[0]) {
            meanSq += (double) t * t;
        }
        double lambda = tune.lambda * o.lambdaScale() * meanSq / 64;
        int area = f.hmax * f.hmax;
        int n = f.components.length;
        double[][] dist = new double[n][];
        float[][] lambdas = new float[n][];
        for (int ci = 0; ci < n; ci++) {
            Component c = f.components[ci];
            c.divisors = ForwardDct.divisors(f.tables[c.tableIndex]);
            double cw = ci == 0 ? 1 : switch (tune) {
                case PSNR_RGB -> Trellis.componentWeight(ci, area);
                case VISUAL -> area;
                default -> 1;
            };
            dist[ci] = distortionWeights(f.tables[c.tableIndex], c.tableIndex == 0, tune, cw);
            lambdas[ci] = blockLambdas(f, c, lambda, weights);
        }
        int tables = n == 1 ? 1 : 2;
        int[][] ac = new int[tables][];
        for (int t = 0; t < tables; t++) {
            ac[t] = HuffmanTable.standard(false, t == 0).size;
        }
        for (int pass = 0; pass < 2; pass++) {
            for (int ci = 0; ci < n; ci++) {
                Component c = f.components[ci];
                trellisComponent(c, dist[ci], ac[c.tableIndex], lambdas[ci]);
            }
            if (pass == 0) {
                long[][][] freq = EntropyEncoder.baselineFrequencies(f);
                for (int t = 0; t < tables; t++) {
                    ac[t] = smoothedLengths(freq[1][t]);
                }
            }
        }
    }

    /** λ / w_b of every block of {@code c}; a chroma block's w_b is the mean of the luma blocks it covers. */
    private static float[] blockLambdas(Frame f, Component c, double lambda, BlockWeights w) {
        float[] l = new float[c.blocksWide * c.blocksHigh];
        int cover = f.hmax / c.h;
        for (int by = 0; by < c.blocksHigh; by++) {
            for (int bx = 0; bx < c.blocksWide; bx++) {
                double wb = 1;
                if (w != null) {
                    double sum = 0;
                    for (int dy = 0; dy < cover; dy++) {
                        for (int dx = 0; dx < cover; dx++) {
                            sum += w.at(bx * cover + dx, by * cover + dy);
                        }
                    }
                    wb = sum / (cover * cover);
                }
                l[by * c.blocksWide + bx] = (float) (lambda / wb);
            }
        }
        return l;
    }

    private static void trellisComponent(Component c, double[] d, int[] len, float[] lambdas) {
        IntStream.range(0, c.blocksHigh).parallel().forEach(by -> {
            Trellis.Scratch s = new Trellis.Scratch();
            float[] x = new float[64];
            float[] div = c.divisors;
            for (int bx = 0; bx < c.blocksWide; bx++) {
                int off = (by * c.blocksWide + bx) * 64;
                for (int k = 0; k < 64; k++) {
                    x[k] = c.dct[off + k] * div[k];
                }
                c.coef[off] = (short) ((int) (x[0] + 16384.5f) - 16384);
                Trellis.quantize(x, d, len, lambdas[by * c.blocksWide + bx], c.coef, off, s);
            }
        });
    }

    /**
     * Distortion weight per zig-zag position: step² (squared error in DCT units) times, for
     * {@link Tune#VISUAL}, mean(K²)/K[k]² with K the visual base table (error in units of the
     * psycho-visual step; the mean over the luma base), times the component's weight.
     */
    private static double[] distortionWeights(int[] table, boolean luma, Tune tune, double componentWeight) {
        double[] d = new double[64];
        int[] k = QuantTable.base(QuantTable.Base.VISUAL, luma, Subsampling.S444);
        double meanSq = 0;
        for (int v : QuantTable.base(QuantTable.Base.VISUAL, true, Subsampling.S444)) {
            meanSq += (double) v * v;
        }
        meanSq /= 64;
        for (int z = 0; z < 64; z++) {
            int n = ZigZag.NATURAL[z];
            double step2 = (double) table[n] * table[n];
            d[z] = componentWeight * step2 * (tune.perceptual ? meanSq / ((double) k[n] * k[n]) : 1);
        }
        return d;
    }

    /** Code lengths of the optimal Huffman table for {@code freq} + 1 on every legal AC symbol. */
    private static int[] smoothedLengths(long[] freq) {
        long[] f = freq.clone();
        f[0x00]++;
        f[0xF0]++;
        for (int r = 0; r < 16; r++) {
            for (int s = 1; s <= 10; s++) {
                f[(r << 4) | s]++;
            }
        }
        return HuffmanTable.optimal(f).size;
    }
}
