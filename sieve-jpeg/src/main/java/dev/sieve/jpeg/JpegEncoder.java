package dev.sieve.jpeg;

import dev.sieve.image.Planar;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * JPEG encoder (ITU-T T.81) in stages: colour conversion (BT.601 full range, JFIF) → chroma
 * subsampling (2×2 mean) → 8×8 float AAN DCT → quantization (optionally per block, see
 * {@link BlockQuality}) → Huffman coding (Annex K.3 tables or two-pass optimal tables) → markers.
 *
 * <p>Output: baseline sequential JFIF 1.01 (SOF0), or progressive (SOF2) by spectral selection
 * (DC of all components, then luma AC 1–5 and 6–63, then each chroma AC 1–63; no successive
 * approximation; each scan gets its own optimal tables). 8-bit, 1 component (grayscale input) or
 * 3 (YCbCr). Edge blocks are padded by replicating the last row and column. Any size from 1×1 to
 * 65535×65535. Block DCT and quantization run on all cores; the output bytes do not depend on
 * the number of threads.
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
        int w = img.width(), h = img.height();
        if (w > 65535 || h > 65535) {
            throw new IllegalArgumentException("JPEG images are limited to 65535x65535, got " + w + "x" + h);
        }
        if (img.channels() != 1 && img.channels() != 3) {
            throw new IllegalArgumentException("JPEG encoder takes 1 or 3 channels, got " + img.channels());
        }
        if (blocks != null && (blocks.blocksWide() != (w + 7) / 8 || blocks.blocksHigh() != (h + 7) / 8)) {
            throw new IllegalArgumentException("block qualities are for a " + blocks.blocksWide() + "x"
                    + blocks.blocksHigh() + " grid, image needs " + (w + 7) / 8 + "x" + (h + 7) / 8);
        }
        Frame f = new Frame(w, h, img.channels(), options);
        prepareQuantization(f, options.quality(), blocks);
        transformAll(img, f, blocks != null && blocks.method() == BlockQuality.Method.REQUANTIZE);
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
        final short[] coef;
        float[] divisors;
        /** Per-block index into {@link #ratios}, or null for uniform quality. */
        int[] level;
        /** Per level: E_b[k] / T[k] in natural order. */
        float[][] ratios;

        Component(int id, int h, int v, int tableIndex, int blocksWide, int blocksHigh, int realW, int realH) {
            this.id = id;
            this.h = h;
            this.v = v;
            this.tableIndex = tableIndex;
            this.blocksWide = blocksWide;
            this.blocksHigh = blocksHigh;
            this.realBlocksWide = realW;
            this.realBlocksHigh = realH;
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
        final Component[] components;
        final int[][] tables;

        Frame(int width, int height, int channels, JpegOptions o) {
            this.width = width;
            this.height = height;
            boolean gray = channels == 1;
            hmax = gray ? 1 : o.subsampling().lumaFactor;
            int mcu = 8 * hmax;
            mcusWide = (width + mcu - 1) / mcu;
            mcusHigh = (height + mcu - 1) / mcu;
            if (gray) {
                tables = new int[][] {QuantTable.forQuality(o.quality(), true)};
                components = new Component[] {new Component(1, 1, 1, 0, mcusWide, mcusHigh, mcusWide, mcusHigh)};
                return;
            }
            tables = new int[][] {QuantTable.forQuality(o.quality(), true), QuantTable.forQuality(o.quality(), false)};
            int cw = (width + hmax - 1) / hmax, ch = (height + hmax - 1) / hmax;
            components = new Component[] {
                new Component(1, hmax, hmax, 0, mcusWide * hmax, mcusHigh * hmax, (width + 7) / 8, (height + 7) / 8),
                new Component(2, 1, 1, 1, mcusWide, mcusHigh, (cw + 7) / 8, (ch + 7) / 8),
                new Component(3, 1, 1, 1, mcusWide, mcusHigh, (cw + 7) / 8, (ch + 7) / 8)
            };
        }
    }

    /** Sets each component's divisors and, with per-block qualities, its per-block ratio tables. */
    static void prepareQuantization(Frame f, double tableQuality, BlockQuality blocks) {
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
                        int[] e = QuantTable.forQuality(k, c.tableIndex == 0);
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

    /**
     * Colour conversion, subsampling, DCT and quantization of every MCU, one MCU row per task.
     * Samples beyond the image repeat the last column and row. Samples are level-shifted (−128)
     * during conversion.
     */
    static void transformAll(Planar img, Frame f, boolean requantize) {
        int m = 8 * f.hmax;
        int w = img.width(), h = img.height();
        boolean gray = f.components.length == 1;
        IntStream.range(0, f.mcusHigh).parallel().forEach(my -> {
            float[] y = new float[m * m];
            float[] cb = gray ? null : new float[m * m];
            float[] cr = gray ? null : new float[m * m];
            float[] blk = new float[64];
            int[] xs = new int[m];
            for (int mx = 0; mx < f.mcusWide; mx++) {
                boolean interior = mx * m + m <= w;
                for (int i = 0; i < m; i++) {
                    xs[i] = Math.min(mx * m + i, w - 1);
                }
                for (int r = 0; r < m; r++) {
                    int row = Math.min(my * m + r, h - 1) * w;
                    if (gray) {
                        float[] g = img.plane(0);
                        for (int i = 0; i < m; i++) {
                            y[r * m + i] = g[row + xs[i]] - 128f;
                        }
                    } else if (interior) {
                        convertRow(img, row + mx * m, y, cb, cr, r * m, m);
                    } else {
                        float[] pr = img.plane(0), pg = img.plane(1), pb = img.plane(2);
                        for (int i = 0; i < m; i++) {
                            int s = row + xs[i];
                            float R = pr[s], G = pg[s], B = pb[s];
                            int d = r * m + i;
                            y[d] = 0.299f * R + 0.587f * G + 0.114f * B - 128f;
                            cb[d] = -0.168736f * R - 0.331264f * G + 0.5f * B;
                            cr[d] = 0.5f * R - 0.418688f * G - 0.081312f * B;
                        }
                    }
                }
                Component lum = f.components[0];
                for (int v = 0; v < lum.v; v++) {
                    for (int hh = 0; hh < lum.h; hh++) {
                        for (int r = 0; r < 8; r++) {
                            System.arraycopy(y, (v * 8 + r) * m + hh * 8, blk, r * 8, 8);
                        }
                        quantizeBlock(blk, lum, mx * lum.h + hh, my * lum.v + v, requantize);
                    }
                }
                if (gray) {
                    continue;
                }
                for (int ci = 1; ci < 3; ci++) {
                    float[] src = ci == 1 ? cb : cr;
                    if (f.hmax == 1) {
                        System.arraycopy(src, 0, blk, 0, 64);
                    } else {
                        for (int r = 0; r < 8; r++) {
                            int a = 2 * r * m, b = a + m;
                            for (int i = 0; i < 8; i++) {
                                blk[r * 8 + i] = 0.25f * (src[a + 2 * i] + src[a + 2 * i + 1] + src[b + 2 * i] + src[b + 2 * i + 1]);
                            }
                        }
                    }
                    quantizeBlock(blk, f.components[ci], mx, my, requantize);
                }
            }
        });
    }

    /** BT.601 conversion of {@code n} contiguous pixels starting at {@code src}, level-shifted. */
    private static void convertRow(Planar img, int src, float[] y, float[] cb, float[] cr, int dst, int n) {
        float[] pr = img.plane(0), pg = img.plane(1), pb = img.plane(2);
        for (int i = 0; i < n; i++) {
            float R = pr[src + i], G = pg[src + i], B = pb[src + i];
            y[dst + i] = 0.299f * R + 0.587f * G + 0.114f * B - 128f;
            cb[dst + i] = -0.168736f * R - 0.331264f * G + 0.5f * B;
            cr[dst + i] = 0.5f * R - 0.418688f * G - 0.081312f * B;
        }
    }

    /**
     * Transforms and quantizes one level-shifted 8×8 block (overwritten) into {@code c.coef}, in
     * natural order. Rounding is half up: ⌊x + ½⌋ (exact for |x| &lt; 2¹⁴).
     */
    private static void quantizeBlock(float[] blk, Component c, int bx, int by, boolean requantize) {
        ForwardDct.transform(blk);
        float[] div = c.divisors;
        short[] coef = c.coef;
        int block = by * c.blocksWide + bx;
        int out = block * 64;
        if (c.level == null) {
            for (int k = 0; k < 64; k++) {
                coef[out + k] = (short) ((int) (blk[k] * div[k] + 16384.5f) - 16384);
            }
            return;
        }
        float[] e = c.ratios[c.level[block]];
        for (int k = 0; k < 64; k++) {
            float x = blk[k] * div[k];
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
}
