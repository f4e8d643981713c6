package dev.sieve.jpeg.semantic;

import dev.sieve.image.Planar;
import dev.sieve.image.saliency.SaliencyMap;
import dev.sieve.jpeg.BlockQuality;
import dev.sieve.jpeg.JpegDecoder;
import dev.sieve.jpeg.JpegEncoder;
import dev.sieve.jpeg.JpegOptions;
import java.util.function.DoubleFunction;

/**
 * Saliency-guided JPEG (thesis ch. 2): spends bits on the blocks a saliency map marks, at the same
 * file size as a plain JPEG, in three modes ({@link SemanticMode}).
 *
 * <p>Size matching follows §2.5: the reference is the plain JPEG of the same image at
 * {@code matchQuality} (default Q50) with the same subsampling and optimized Huffman tables; the
 * free parameter (plain: Q; mosaic: Q_f; direct: the shift Δ of all levels) is searched by
 * bisection until the output is within ±{@code tolerance} (1 %) of it, or of {@code targetBytes}.
 * All outputs use optimized Huffman tables.
 */
public final class SemanticJpeg {
    private SemanticJpeg() {
    }

    /** Encodes {@code img} guided by {@code map} (ignored in plain mode; any size, stretched over the image). */
    public static SemanticResult compress(Planar img, SaliencyMap map, SemanticOptions o) {
        return compress(img, map, o, () -> { });
    }

    /** As {@link #compress(Planar, SaliencyMap, SemanticOptions)}, calling {@code afterEncode} after every JPEG encode. */
    public static SemanticResult compress(Planar img, SaliencyMap map, SemanticOptions o, Runnable afterEncode) {
        JpegOptions base = new JpegOptions(o.matchQuality(), o.subsampling(), true, o.progressive());
        long referenceBytes = 0;
        long target = o.targetBytes();
        if (o.fixedQuality() == 0 && target == 0) {
            referenceBytes = encode(afterEncode, img, base, null).length;
            target = referenceBytes;
        }
        return switch (o.mode()) {
            case PLAIN -> plain(afterEncode, img, base, o, target, referenceBytes);
            case MOSAIC -> mosaic(afterEncode, img, levels(img, map, o), base, o, target, referenceBytes);
            case DIRECT -> direct(afterEncode, img, levels(img, map, o), base, o, target, referenceBytes);
        };
    }

    private static SaliencyLevels levels(Planar img, SaliencyMap map, SemanticOptions o) {
        if (map == null) {
            throw new IllegalArgumentException(o.mode().name().toLowerCase() + " mode needs a saliency map");
        }
        return SaliencyLevels.of(map, img.width(), img.height(), o.levels(), o.qLow(), o.qHigh(), o.inclusiveLevels());
    }

    private static SemanticResult plain(Runnable afterEncode, Planar img, JpegOptions base, SemanticOptions o, long target, long ref) {
        DoubleFunction<byte[]> enc = q -> encode(afterEncode, img, base.withQuality(q), null);
        if (o.fixedQuality() > 0) {
            return new SemanticResult(enc.apply(o.fixedQuality()), SemanticMode.PLAIN, 0, 0, o.fixedQuality(), 0,
                    new double[0], new int[0], true, 1);
        }
        SizeSearch.Outcome s = SizeSearch.search(enc, 1, 100, o.matchQuality(), target, o.tolerance());
        return new SemanticResult(s.best().bytes(), SemanticMode.PLAIN, target, ref, s.best().parameter(), 0,
                new double[0], new int[0], s.withinTolerance(), s.steps());
    }

    /** Algorithm 1: I'[b] = JPEG{I[b], Q_level(b)}, O = JPEG{I', Q_f}. */
    private static SemanticResult mosaic(Runnable afterEncode, Planar img, SaliencyLevels lv, JpegOptions base, SemanticOptions o,
            long target, long ref) {
        Planar[] decoded = new Planar[lv.count()];
        int[] hist = lv.histogram();
        for (int n = 0; n < decoded.length; n++) {
            if (hist[n] > 0) {
                decoded[n] = JpegDecoder.decode(encode(afterEncode, img, base.withQuality(lv.quality(n)), null));
            }
        }
        Planar mosaic = Planar.zeros(img.width(), img.height(), img.channels());
        int w = img.width(), h = img.height();
        for (int by = 0; by < lv.blocksHigh(); by++) {
            for (int bx = 0; bx < lv.blocksWide(); bx++) {
                Planar src = decoded[lv.level(bx, by)];
                int x0 = bx * 8, x1 = Math.min(w, x0 + 8);
                for (int c = 0; c < img.channels(); c++) {
                    float[] s = src.plane(c), d = mosaic.plane(c);
                    for (int y = by * 8; y < Math.min(h, by * 8 + 8); y++) {
                        System.arraycopy(s, y * w + x0, d, y * w + x0, x1 - x0);
                    }
                }
            }
        }
        DoubleFunction<byte[]> enc = q -> encode(afterEncode, mosaic, base.withQuality(q), null);
        if (o.fixedQuality() > 0) {
            return new SemanticResult(enc.apply(o.fixedQuality()), SemanticMode.MOSAIC, 0, 0, o.fixedQuality(), 0,
                    lv.qualities(), hist, true, 1);
        }
        SizeSearch.Outcome s = SizeSearch.search(enc, 1, 100, o.matchQuality(), target, o.tolerance());
        return new SemanticResult(s.best().bytes(), SemanticMode.MOSAIC, target, ref, s.best().parameter(), 0,
                lv.qualities(), hist, s.withinTolerance(), s.steps());
    }

    /** Levels realized in one encode: block b at Q_level(b) + Δ inside tables of the highest such quality. */
    private static SemanticResult direct(Runnable afterEncode, Planar img, SaliencyLevels lv, JpegOptions base, SemanticOptions o,
            long target, long ref) {
        DoubleFunction<byte[]> enc = shift -> {
            float[] q = lv.blockQualities(shift);
            BlockQuality bq = new BlockQuality(lv.blocksWide(), lv.blocksHigh(), q, o.blockMethod());
            return encode(afterEncode, img, base.withQuality(bq.max()), bq);
        };
        double top = topQuality(lv);
        if (o.fixedQuality() > 0) {
            double shift = o.fixedQuality() - top;
            return new SemanticResult(enc.apply(shift), SemanticMode.DIRECT, 0, 0, o.fixedQuality(), shift,
                    lv.qualities(), lv.histogram(), true, 1);
        }
        double lowest = lv.quality(0);
        SizeSearch.Outcome s = SizeSearch.search(enc, 1 - top, 100 - lowest, 0, target, o.tolerance());
        double shift = s.best().parameter();
        return new SemanticResult(s.best().bytes(), SemanticMode.DIRECT, target, ref,
                Math.max(1, Math.min(100, top + shift)), shift, lv.qualities(), lv.histogram(),
                s.withinTolerance(), s.steps());
    }

    private static byte[] encode(Runnable afterEncode, Planar img, JpegOptions o, BlockQuality bq) {
        byte[] jpeg = JpegEncoder.encode(img, o, bq);
        afterEncode.run();
        return jpeg;
    }

    /** Highest Q_n that some block uses. */
    private static double topQuality(SaliencyLevels lv) {
        int[] hist = lv.histogram();
        for (int n = hist.length - 1; n >= 0; n--) {
            if (hist[n] > 0) {
                return lv.quality(n);
            }
        }
        return lv.quality(0);
    }
}
