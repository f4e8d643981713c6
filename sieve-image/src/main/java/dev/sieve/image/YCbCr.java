package dev.sieve.image;

/**
 * RGB ↔ YCbCr, ITU-R BT.601 full range as used by JFIF (ITU-T T.871 §7).
 *
 * <pre>
 * Y  =  0.299 R + 0.587 G + 0.114 B
 * Cb = −0.168736 R − 0.331264 G + 0.5 B + 128
 * Cr =  0.5 R − 0.418688 G − 0.081312 B + 128
 * </pre>
 * Samples in [0, 255]; results are not rounded or clamped.
 */
public final class YCbCr {
    private YCbCr() {
    }

    /** Converts a 3-channel RGB image to Y, Cb, Cr planes. */
    public static Planar fromRgb(Planar rgb) {
        requireThree(rgb);
        int n = rgb.pixels();
        float[] r = rgb.plane(0), g = rgb.plane(1), b = rgb.plane(2);
        float[] y = new float[n], cb = new float[n], cr = new float[n];
        for (int i = 0; i < n; i++) {
            float R = r[i], G = g[i], B = b[i];
            y[i] = 0.299f * R + 0.587f * G + 0.114f * B;
            cb[i] = -0.168736f * R - 0.331264f * G + 0.5f * B + 128f;
            cr[i] = 0.5f * R - 0.418688f * G - 0.081312f * B + 128f;
        }
        return new Planar(rgb.width(), rgb.height(), y, cb, cr);
    }

    /** Converts Y, Cb, Cr planes back to RGB (inverse of {@link #fromRgb}). */
    public static Planar toRgb(Planar ycc) {
        requireThree(ycc);
        int n = ycc.pixels();
        float[] y = ycc.plane(0), cb = ycc.plane(1), cr = ycc.plane(2);
        float[] r = new float[n], g = new float[n], b = new float[n];
        for (int i = 0; i < n; i++) {
            float Y = y[i], Cb = cb[i] - 128f, Cr = cr[i] - 128f;
            r[i] = Y + 1.402f * Cr;
            g[i] = Y - 0.344136f * Cb - 0.714136f * Cr;
            b[i] = Y + 1.772f * Cb;
        }
        return new Planar(ycc.width(), ycc.height(), r, g, b);
    }

    /** BT.601 luma of an RGB image (a grayscale image is returned as a copy). */
    public static float[] luma(Planar img) {
        if (img.channels() == 1) {
            return img.plane(0).clone();
        }
        requireThree(img);
        int n = img.pixels();
        float[] r = img.plane(0), g = img.plane(1), b = img.plane(2);
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = 0.299f * r[i] + 0.587f * g[i] + 0.114f * b[i];
        }
        return y;
    }

    private static void requireThree(Planar p) {
        if (p.channels() != 3) {
            throw new IllegalArgumentException("expected 3 channels, got " + p.channels());
        }
    }
}
