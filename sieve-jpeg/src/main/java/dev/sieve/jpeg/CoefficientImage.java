package dev.sieve.jpeg;

import dev.sieve.image.Planar;
import java.util.stream.IntStream;

/**
 * The encoder's coefficient stage, computed once per image: colour conversion (BT.601 full range,
 * JFIF, level-shifted by −128), chroma subsampling (2×2 mean) and the 8×8 float AAN DCT of every
 * block. Quantization and entropy coding ({@link JpegEncoder#encode(CoefficientImage, JpegOptions)})
 * can then run as often as a size or λ search needs without repeating these stages.
 *
 * <p>Coefficients are stored as {@link ForwardDct#transform} leaves them (the T.81 A.3.3 DCT times
 * {@code 8·a[u]·a[v]}), block after block in natural order; blocks beyond the image (MCU padding)
 * repeat its last row and column. Grayscale images have one component and no subsampling.
 */
public final class CoefficientImage {
    final int width;
    final int height;
    final Subsampling subsampling;
    /** Luma sampling factor (1 for grayscale and 4:4:4, 2 for 4:2:0). */
    final int hmax;
    final int mcusWide;
    final int mcusHigh;
    final Plane[] planes;

    /** One component's block grid and coefficients. */
    static final class Plane {
        final int h;
        final int v;
        final int blocksWide;
        final int blocksHigh;
        final int realBlocksWide;
        final int realBlocksHigh;
        final float[] dct;

        Plane(int h, int v, int blocksWide, int blocksHigh, int realBlocksWide, int realBlocksHigh) {
            this.h = h;
            this.v = v;
            this.blocksWide = blocksWide;
            this.blocksHigh = blocksHigh;
            this.realBlocksWide = realBlocksWide;
            this.realBlocksHigh = realBlocksHigh;
            this.dct = new float[blocksWide * blocksHigh * 64];
        }
    }

    private CoefficientImage(int width, int height, Subsampling subsampling, int channels) {
        this.width = width;
        this.height = height;
        this.subsampling = subsampling;
        boolean gray = channels == 1;
        hmax = gray ? 1 : subsampling.lumaFactor;
        int mcu = 8 * hmax;
        mcusWide = (width + mcu - 1) / mcu;
        mcusHigh = (height + mcu - 1) / mcu;
        if (gray) {
            planes = new Plane[] {new Plane(1, 1, mcusWide, mcusHigh, mcusWide, mcusHigh)};
            return;
        }
        int cw = (width + hmax - 1) / hmax, ch = (height + hmax - 1) / hmax;
        planes = new Plane[] {
            new Plane(hmax, hmax, mcusWide * hmax, mcusHigh * hmax, (width + 7) / 8, (height + 7) / 8),
            new Plane(1, 1, mcusWide, mcusHigh, (cw + 7) / 8, (ch + 7) / 8),
            new Plane(1, 1, mcusWide, mcusHigh, (cw + 7) / 8, (ch + 7) / 8)
        };
    }

    /** Transforms {@code img} (1 or 3 channels, samples in [0, 255]); all cores, one MCU row per task. */
    public static CoefficientImage of(Planar img, Subsampling subsampling) {
        int w = img.width(), h = img.height();
        if (w > 65535 || h > 65535) {
            throw new IllegalArgumentException("JPEG images are limited to 65535x65535, got " + w + "x" + h);
        }
        if (img.channels() != 1 && img.channels() != 3) {
            throw new IllegalArgumentException("JPEG encoder takes 1 or 3 channels, got " + img.channels());
        }
        if (subsampling == null) {
            throw new IllegalArgumentException("subsampling must be given");
        }
        CoefficientImage ci = new CoefficientImage(w, h, subsampling, img.channels());
        ci.transformAll(img);
        return ci;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** 1 (grayscale) or 3 (YCbCr). */
    public int components() {
        return planes.length;
    }

    public Subsampling subsampling() {
        return subsampling;
    }

    /** Luma blocks across, {@code ceil(width / 8)}. */
    public int blocksWide() {
        return (width + 7) / 8;
    }

    /** Luma blocks down, {@code ceil(height / 8)}. */
    public int blocksHigh() {
        return (height + 7) / 8;
    }

    /** MCU rows (8 or 16 pixel rows each). */
    public int mcuRows() {
        return mcusHigh;
    }

    /** Luma block rows per MCU row (1, or 2 for 4:2:0). */
    public int blockRowsPerMcuRow() {
        return hmax;
    }

    /**
     * MCU rows 0, {@code stride}, 2·{@code stride}, … as an image of the same width: a cheap
     * stand-in for size estimates (its encoded size, scaled by the row ratio, predicts the whole
     * image's).
     */
    public CoefficientImage rowSample(int stride) {
        if (stride < 1) {
            throw new IllegalArgumentException("stride must be positive, got " + stride);
        }
        int rows = (mcusHigh + stride - 1) / stride;
        CoefficientImage s = new CoefficientImage(width, rows * 8 * hmax, subsampling, planes.length);
        for (int i = 0; i < planes.length; i++) {
            Plane from = planes[i], to = s.planes[i];
            int rowFloats = from.blocksWide * 64;
            for (int r = 0; r < rows; r++) {
                for (int dv = 0; dv < from.v; dv++) {
                    System.arraycopy(from.dct, (r * stride * from.v + dv) * rowFloats, to.dct, (r * to.v + dv) * rowFloats, rowFloats);
                }
            }
        }
        return s;
    }

    private void transformAll(Planar img) {
        int m = 8 * hmax;
        int w = img.width(), h = img.height();
        boolean gray = planes.length == 1;
        IntStream.range(0, mcusHigh).parallel().forEach(my -> {
            float[] y = new float[m * m];
            float[] cb = gray ? null : new float[m * m];
            float[] cr = gray ? null : new float[m * m];
            int[] xs = new int[m];
            for (int mx = 0; mx < mcusWide; mx++) {
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
                Plane lum = planes[0];
                for (int v = 0; v < lum.v; v++) {
                    for (int hh = 0; hh < lum.h; hh++) {
                        int out = ((my * lum.v + v) * lum.blocksWide + mx * lum.h + hh) * 64;
                        for (int r = 0; r < 8; r++) {
                            System.arraycopy(y, (v * 8 + r) * m + hh * 8, lum.dct, out + r * 8, 8);
                        }
                        ForwardDct.transform(lum.dct, out);
                    }
                }
                if (gray) {
                    continue;
                }
                for (int ci = 1; ci < 3; ci++) {
                    float[] src = ci == 1 ? cb : cr;
                    Plane p = planes[ci];
                    float[] d = p.dct;
                    int out = (my * p.blocksWide + mx) * 64;
                    if (hmax == 1) {
                        System.arraycopy(src, 0, d, out, 64);
                    } else {
                        for (int r = 0; r < 8; r++) {
                            int a = 2 * r * m, b = a + m;
                            for (int i = 0; i < 8; i++) {
                                d[out + r * 8 + i] = 0.25f * (src[a + 2 * i] + src[a + 2 * i + 1] + src[b + 2 * i] + src[b + 2 * i + 1]);
                            }
                        }
                    }
                    ForwardDct.transform(d, out);
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
}
