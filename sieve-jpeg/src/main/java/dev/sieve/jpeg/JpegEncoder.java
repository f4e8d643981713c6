package dev.sieve.jpeg;

import dev.sieve.image.Planar;
import java.util.HashMap;
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
        Frame f = new Frame(img, options);
        for (Component c : f.components) {
            quantize(c, f, options.quality(), blocks);
        }
        return new EntropyEncoder(f, options).write();
    }

    /** One colour component: padded sample plane, block grid and quantized coefficients (zig-zag). */
    static final class Component {
        final int id;
        final int h;
        final int v;
        final int tableIndex;
        final int blocksWide;
        final int blocksHigh;
        final int realBlocksWide;
        final int realBlocksHigh;
        float[] plane;
        short[] coef;

        Component(int id, int h, int v, int tableIndex, int blocksWide, int blocksHigh, int realW, int realH) {
            this.id = id;
            this.h = h;
            this.v = v;
            this.tableIndex = tableIndex;
            this.blocksWide = blocksWide;
            this.blocksHigh = blocksHigh;
            this.realBlocksWide = realW;
            this.realBlocksHigh = realH;
        }
    }

    /** Frame geometry and components. */
    static final class Frame {
        final int width;
        final int height;
        final int hmax;
        final int mcusWide;
        final int mcusHigh;
        final Component[] components;
        final int[][] tables;

        Frame(Planar img, JpegOptions o) {
            width = img.width();
            height = img.height();
            boolean gray = img.channels() == 1;
            hmax = gray ? 1 : o.subsampling().lumaFactor;
            int mcu = 8 * hmax;
            mcusWide = (width + mcu - 1) / mcu;
            mcusHigh = (height + mcu - 1) / mcu;
            int pw = mcusWide * mcu, ph = mcusHigh * mcu;
            if (gray) {
                tables = new int[][] {QuantTable.forQuality(o.quality(), true)};
                Component y = new Component(1, 1, 1, 0, mcusWide, mcusHigh, mcusWide, mcusHigh);
                y.plane = padded(img.plane(0), width, height, pw, ph);
                components = new Component[] {y};
                return;
            }
            tables = new int[][] {QuantTable.forQuality(o.quality(), true), QuantTable.forQuality(o.quality(), false)};
            float[][] ycc = toPaddedYCbCr(img, pw, ph);
            int cw = (width + hmax - 1) / hmax, ch = (height + hmax - 1) / hmax;
            Component y = new Component(1, hmax, hmax, 0, mcusWide * hmax, mcusHigh * hmax, (width + 7) / 8, (height + 7) / 8);
            Component cb = new Component(2, 1, 1, 1, mcusWide, mcusHigh, (cw + 7) / 8, (ch + 7) / 8);
            Component cr = new Component(3, 1, 1, 1, mcusWide, mcusHigh, (cw + 7) / 8, (ch + 7) / 8);
            y.plane = ycc[0];
            cb.plane = hmax == 1 ? ycc[1] : halve(ycc[1], pw, ph);
            cr.plane = hmax == 1 ? ycc[2] : halve(ycc[2], pw, ph);
            components = new Component[] {y, cb, cr};
        }

        private static float[] padded(float[] src, int w, int h, int pw, int ph) {
            float[] d = new float[pw * ph];
            for (int y = 0; y < ph; y++) {
                int sy = Math.min(y, h - 1) * w;
                System.arraycopy(src, sy, d, y * pw, w);
                float edge = src[sy + w - 1];
                for (int x = w; x < pw; x++) {
                    d[y * pw + x] = edge;
                }
            }
            return d;
        }

        private static float[][] toPaddedYCbCr(Planar img, int pw, int ph) {
            int w = img.width(), h = img.height();
            float[] r = img.plane(0), g = img.plane(1), b = img.plane(2);
            float[] Y = new float[pw * ph], Cb = new float[pw * ph], Cr = new float[pw * ph];
            IntStream.range(0, ph).parallel().forEach(y -> {
                int srow = Math.min(y, h - 1) * w, drow = y * pw;
                for (int x = 0; x < pw; x++) {
                    int s = srow + Math.min(x, w - 1);
                    float R = r[s], G = g[s], B = b[s];
                    Y[drow + x] = 0.299f * R + 0.587f * G + 0.114f * B;
                    Cb[drow + x] = -0.168736f * R - 0.331264f * G + 0.5f * B + 128f;
                    Cr[drow + x] = 0.5f * R - 0.418688f * G - 0.081312f * B + 128f;
                }
            });
            return new float[][] {Y, Cb, Cr};
        }

        private static float[] halve(float[] src, int pw, int ph) {
            int hw = pw / 2, hh = ph / 2;
            float[] d = new float[hw * hh];
            IntStream.range(0, hh).parallel().forEach(y -> {
                int a = 2 * y * pw, b = a + pw;
                for (int x = 0; x < hw; x++) {
                    d[y * hw + x] = 0.25f * (src[a + 2 * x] + src[a + 2 * x + 1] + src[b + 2 * x] + src[b + 2 * x + 1]);
                }
            });
            return d;
        }
    }

    private static void quantize(Component c, Frame f, double tableQuality, BlockQuality blocks) {
        int[] table = f.tables[c.tableIndex];
        float[] div = ForwardDct.divisors(table);
        int stride = c.blocksWide * 8;
        c.coef = new short[c.blocksWide * c.blocksHigh * 64];
        float[][] ratios;
        int[] level;
        if (blocks == null) {
            ratios = null;
            level = null;
        } else {
            Map<Float, Integer> index = new HashMap<>();
            java.util.List<float[]> tableRatios = new java.util.ArrayList<>();
            level = new int[c.blocksWide * c.blocksHigh];
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
                    level[by * c.blocksWide + bx] = index.computeIfAbsent(qb, k -> {
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
            ratios = tableRatios.toArray(new float[0][]);
        }
        boolean requantize = blocks != null && blocks.method() == BlockQuality.Method.REQUANTIZE;
        float[] plane = c.plane;
        short[] coef = c.coef;
        IntStream.range(0, c.blocksHigh).parallel().forEach(by -> {
            float[] blk = new float[64];
            for (int bx = 0; bx < c.blocksWide; bx++) {
                int base = by * 8 * stride + bx * 8;
                for (int r = 0; r < 8; r++) {
                    int s = base + r * stride;
                    for (int k = 0; k < 8; k++) {
                        blk[r * 8 + k] = plane[s + k] - 128f;
                    }
                }
                ForwardDct.transform(blk);
                int out = (by * c.blocksWide + bx) * 64;
                if (ratios == null) {
                    for (int k = 0; k < 64; k++) {
                        int n = ZigZag.NATURAL[k];
                        coef[out + k] = (short) Math.round(blk[n] * div[n]);
                    }
                } else {
                    float[] e = ratios[level[by * c.blocksWide + bx]];
                    for (int k = 0; k < 64; k++) {
                        int n = ZigZag.NATURAL[k];
                        float x = blk[n] * div[n];
                        float en = e[n];
                        int v;
                        if (requantize) {
                            v = Math.round(Math.round(x / en) * en);
                        } else {
                            v = Math.abs(x) < 0.5f * en ? 0 : Math.round(x);
                        }
                        coef[out + k] = (short) v;
                    }
                }
            }
        });
        c.plane = null;
    }
}
