package dev.sieve.jpeg.semantic;

import dev.sieve.image.Planar;
import dev.sieve.image.saliency.SaliencyMap;
import dev.sieve.jpeg.BlockQuality;
import dev.sieve.jpeg.BlockWeights;
import dev.sieve.jpeg.CoefficientImage;
import dev.sieve.jpeg.JpegDecoder;
import dev.sieve.jpeg.JpegEncoder;
import dev.sieve.jpeg.JpegOptions;
import dev.sieve.jpeg.Tune;
import java.util.function.DoubleFunction;

/**
 * Saliency-guided JPEG (thesis ch. 2): spends bits on the blocks a saliency map marks, at the same
 * file size as a plain JPEG, in three modes ({@link SemanticMode}).
 *
 * <p>Size matching follows §2.5: the reference is the plain classic JPEG (Annex K tables, rounding,
 * as cjpeg) of the same image at {@code matchQuality} (default Q50) with the same subsampling and
 * optimized Huffman tables; the free parameter is searched ({@link SizeSearch}) until the output is
 * within ±{@code tolerance} (1 %) of it, or of {@code targetBytes}. Free parameter: plain and direct with a
 * rate-distortion tune: the table quality Q, then, if the sizes of neighbouring Q straddle the
 * target, the λ multiplier at the lowest Q above it; classic plain: Q; mosaic: Q_f; classic direct:
 * the shift Δ of all levels. The colour conversion and DCT run once ({@link CoefficientImage});
 * each trial repeats only quantization and entropy coding. All outputs use optimized Huffman tables.
 *
 * <p>Direct mode with a rate-distortion tune minimizes Σ_b w_b·D_b + λ·R_b with w_b from the map
 * ({@link #saliencyWeights}); with the classic tune it realizes the k levels of eq. 2.7.
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
        CoefficientImage ci = CoefficientImage.of(img, o.subsampling());
        JpegOptions reference = new JpegOptions(o.matchQuality(), o.subsampling(), true, o.progressive());
        long referenceBytes = 0;
        long target = o.targetBytes();
        if (o.fixedQuality() == 0 && target == 0) {
            referenceBytes = encode(afterEncode, ci, reference, null, null).length;
            target = referenceBytes;
        }
        Search s = new Search(afterEncode, ci, o, reference, target, referenceBytes);
        boolean rdo = o.tune().rdo();
        return switch (o.mode()) {
            case PLAIN -> rdo ? s.rdo(SemanticMode.PLAIN, null) : s.plain();
            case MOSAIC -> s.mosaic(img, levels(img, map, o));
            case DIRECT -> rdo ? s.rdo(SemanticMode.DIRECT, saliencyWeights(requireMap(map, o), img.width(), img.height(),
                    o.saliencyWeight())) : s.direct(levels(img, map, o));
        };
    }

    /**
     * Block distortion weights of a {@code width × height} image from {@code map}: block b of mean
     * saliency s_b ∈ [0, 1] (map stretched over the image) gets w_b = (1 + (W − 1)·s_b) / √W: the
     * most salient blocks are quantized as if λ were λ/√W, the least salient as if it were λ·√W.
     * (Normalizing by √W rather than by W, so that the weights' geometric range is centred on the
     * plain encode, gave +0.3 dB over the whole image at the same subject PSNR on the measurement
     * photos.) Measured with {@code --tune psnr} at the size of Q50 and not done, as subject PSNR gained
     * at equal whole-image PSNR: the map cut at 0.5 or ramped over 0.375–0.625 (+0.04 dB), s²
     * (+0.01 dB); W per image from the map's coverage (+0.03 dB), or from coverage and the plain
     * encode's whole/subject error ratio, the weights that maximize a·PSNR-S + PSNR (0.00 dB); the
     * best W per image picked after the fact (+0.03–0.05 dB near whole −0.1 dB).
     */
    public static BlockWeights saliencyWeights(SaliencyMap map, int width, int height, double w) {
        if (!(w >= 1)) {
            throw new IllegalArgumentException("saliency weight must be at least 1, got " + w);
        }
        float[] s = map.resizedTo(width, height).blockMeans(8);
        float[] weight = new float[s.length];
        for (int i = 0; i < s.length; i++) {
            double sb = Math.max(0, Math.min(1, s[i]));
            weight[i] = (float) ((1 + (w - 1) * sb) / Math.sqrt(w));
        }
        return new BlockWeights((width + 7) / 8, (height + 7) / 8, weight);
    }

    private static SaliencyMap requireMap(SaliencyMap map, SemanticOptions o) {
        if (map == null) {
            throw new IllegalArgumentException(o.mode().name().toLowerCase() + " mode needs a saliency map");
        }
        return map;
    }

    private static SaliencyLevels levels(Planar img, SaliencyMap map, SemanticOptions o) {
        requireMap(map, o);
        return SaliencyLevels.of(map, img.width(), img.height(), o.levels(), o.qLow(), o.qHigh(), o.inclusiveLevels());
    }

    private static byte[] encode(Runnable afterEncode, CoefficientImage ci, JpegOptions o, BlockQuality bq, BlockWeights w) {
        byte[] jpeg = JpegEncoder.encode(ci, o, bq, w);
        afterEncode.run();
        return jpeg;
    }

    /** An encode of a rate-distortion search: bytes, table quality, λ multiplier, encodes so far, within tolerance. */
    private record RdoTrial(byte[] jpeg, double quality, double lambdaScale, int steps, boolean within) {
    }

    /** One image's searches, over its cached coefficients. */
    private static final class Search {
        private final Runnable afterEncode;
        private final CoefficientImage ci;
        private final SemanticOptions o;
        /** The classic plain encode at the match quality (the size reference). */
        private final JpegOptions reference;
        private final long target;
        private final long ref;

        Search(Runnable afterEncode, CoefficientImage ci, SemanticOptions o, JpegOptions reference, long target, long ref) {
            this.afterEncode = afterEncode;
            this.ci = ci;
            this.o = o;
            this.reference = reference;
            this.target = target;
            this.ref = ref;
        }

        private SemanticResult result(byte[] jpeg, SemanticMode mode, double quality, double shift, double[] levels,
                int[] hist, boolean within, int steps, Tune tune, double lambdaScale) {
            boolean fixed = o.fixedQuality() > 0;
            return new SemanticResult(jpeg, mode, fixed ? 0 : target, fixed ? 0 : ref, quality, shift, levels, hist,
                    fixed || within, steps, tune, lambdaScale);
        }

        SemanticResult plain() {
            DoubleFunction<byte[]> enc = q -> encode(afterEncode, ci, reference.withQuality(q), null, null);
            if (o.fixedQuality() > 0) {
                return result(enc.apply(o.fixedQuality()), SemanticMode.PLAIN, o.fixedQuality(), 0, new double[0], new int[0],
                        true, 1, Tune.CLASSIC, 1);
            }
            SizeSearch.Outcome s = SizeSearch.search(enc, 1, 100, o.matchQuality(), target, o.tolerance());
            return result(s.best().bytes(), SemanticMode.PLAIN, s.best().parameter(), 0, new double[0], new int[0],
                    s.withinTolerance(), s.steps(), Tune.CLASSIC, 1);
        }

        /**
         * Plain or weighted rate-distortion optimized encode at the target size. Images of 48 MCU rows
         * or more are first searched on a row sample (every 4th–16th MCU row, at least 12 rows), for the
         * target's coded data scaled by the ratio of image and sample in the classic reference encode
         * (which follows how detail is spread over the rows: on a photo with sky above and detail below,
         * the plain row ratio missed by 8 %), recalibrated on the coded data of each full encode (up to
         * three rounds), so that most trials cost a fraction of an encode; then, or when that fails, on
         * the whole image.
         */
        SemanticResult rdo(SemanticMode mode, BlockWeights w) {
            JpegOptions base = reference.withTune(o.tune()).withLambdaScale(o.lambdaScale());
            if (o.fixedQuality() > 0) {
                return result(encode(afterEncode, ci, base.withQuality(o.fixedQuality()), null, w), mode, o.fixedQuality(), 0,
                        new double[0], new int[0], true, 1, o.tune(), o.lambdaScale());
            }
            int stride = Math.min(16, ci.mcuRows() / 12);
            RdoTrial best = null;
            int steps = 0;
            if (stride >= 4) {
                CoefficientImage sample = ci.rowSample(stride);
                BlockWeights ws = w == null ? null : w.rowSample(stride, ci.blockRowsPerMcuRow());
                long fullClassic = ref > 0 ? ref : encode(afterEncode, ci, reference, null, null).length;
                byte[] sampleClassic = encode(afterEncode, sample, reference, null, null);
                long header = headerBytes(sampleClassic);
                double ratio = (double) (fullClassic - header) / Math.max(1, sampleClassic.length - header);
                RdoTrial t = searchRdo(sample, ws, base, header + Math.round((target - header) / ratio), 0.6 * o.tolerance());
                for (int round = 0; round < 3; round++) {
                    if (round > 0) {
                        double p = -Math.log(t.lambdaScale() / o.lambdaScale()) / Math.log(2);
                        t = searchLambda(sample, ws, base.withQuality(t.quality()), header + Math.round((target - header) / ratio),
                                0.6 * o.tolerance(), Math.max(-8, p - 1), Math.min(2, p + 1), p, t.steps());
                    }
                    steps += t.steps();
                    byte[] full = encode(afterEncode, ci, base.withQuality(t.quality()).withLambdaScale(t.lambdaScale()), null, w);
                    steps++;
                    boolean within = Math.abs(full.length - target) <= o.tolerance() * target;
                    if (best == null || Math.abs(full.length - target) < Math.abs(best.jpeg().length - target)) {
                        best = new RdoTrial(full, t.quality(), t.lambdaScale(), steps, within);
                    }
                    if (within) {
                        break;
                    }
                    header = headerBytes(t.jpeg());
                    ratio = (double) (full.length - headerBytes(full)) / (t.jpeg().length - header);
                    t = new RdoTrial(t.jpeg(), t.quality(), t.lambdaScale(), 0, false);
                }
            }
            if (best == null || !best.within()) {
                RdoTrial t = searchRdo(ci, w, base, target, o.tolerance());
                steps += t.steps();
                if (best == null || Math.abs(t.jpeg().length - target) <= Math.abs(best.jpeg().length - target)) {
                    best = t;
                }
            }
            return result(best.jpeg(), mode, best.quality(), 0, new double[0], new int[0], best.within(), steps, o.tune(),
                    best.lambdaScale());
        }

        /**
         * Q until the sizes on either side of the target differ by at most 12 % (table steps make size a
         * step function of Q), then λ at the lowest Q above the target. (A finer table with a larger λ at
         * the same size trades whole-image PSNR for subject PSNR at a worse rate than the saliency weight
         * does: with {@code --tune psnr}, W 4, Q + 5 gave subject +0.41 dB for whole −0.23 dB, W 6 instead
         * of 4 +0.36 dB for −0.14 dB.)
         */
        private RdoTrial searchRdo(CoefficientImage c, BlockWeights w, JpegOptions base, long goal, double tolerance) {
            SizeSearch.Outcome s = SizeSearch.search(q -> encode(afterEncode, c, base.withQuality(q), null, w), 1, 100,
                    o.matchQuality(), goal, tolerance, 1.12);
            RdoTrial best = new RdoTrial(s.best().bytes(), s.best().parameter(), o.lambdaScale(), s.steps(), s.withinTolerance());
            if (best.within() || Double.isNaN(s.lowestAtOrAbove())) {
                return best;
            }
            RdoTrial l = searchLambda(c, w, base.withQuality(s.lowestAtOrAbove()), goal, tolerance, -8, 2, -0.25, s.steps());
            return Math.abs(l.jpeg().length - goal) < Math.abs(best.jpeg().length - goal)
                    ? l : new RdoTrial(best.jpeg(), best.quality(), best.lambdaScale(), l.steps(), false);
        }

        /** λ multiplier 2^(−p) · the option's, p in [lo, hi] ⊆ [−8, 2], at the quality of {@code at}; {@code before} encodes so far. */
        private RdoTrial searchLambda(CoefficientImage c, BlockWeights w, JpegOptions at, long goal, double tolerance,
                double lo, double hi, double guess, int before) {
            SizeSearch.Outcome l = SizeSearch.search(p -> encode(afterEncode, c, at.withLambdaScale(lambdaScale(p)), null, w),
                    lo, hi, guess, goal, tolerance);
            return new RdoTrial(l.best().bytes(), at.quality(), lambdaScale(l.best().parameter()), before + l.steps(),
                    l.withinTolerance());
        }

        /** λ multiplier for search parameter p (size grows with p): the option's scale times 2^(−p). */
        private double lambdaScale(double p) {
            return Math.min(1e6 - 1, o.lambdaScale() * Math.pow(2, -p));
        }

        /** Algorithm 1: I'[b] = JPEG{I[b], Q_level(b)}, O = JPEG{I', Q_f}. */
        SemanticResult mosaic(Planar img, SaliencyLevels lv) {
            Planar[] decoded = new Planar[lv.count()];
            int[] hist = lv.histogram();
            for (int n = 0; n < decoded.length; n++) {
                if (hist[n] > 0) {
                    decoded[n] = JpegDecoder.decode(encode(afterEncode, ci, reference.withQuality(lv.quality(n)), null, null));
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
            CoefficientImage mc = CoefficientImage.of(mosaic, o.subsampling());
            DoubleFunction<byte[]> enc = q -> encode(afterEncode, mc, reference.withQuality(q), null, null);
            if (o.fixedQuality() > 0) {
                return result(enc.apply(o.fixedQuality()), SemanticMode.MOSAIC, o.fixedQuality(), 0, lv.qualities(), hist, true, 1,
                        Tune.CLASSIC, 1);
            }
            SizeSearch.Outcome s = SizeSearch.search(enc, 1, 100, o.matchQuality(), target, o.tolerance());
            return result(s.best().bytes(), SemanticMode.MOSAIC, s.best().parameter(), 0, lv.qualities(), hist,
                    s.withinTolerance(), s.steps(), Tune.CLASSIC, 1);
        }

        /** Levels realized in one encode: block b at Q_level(b) + Δ inside tables of the highest such quality. */
        SemanticResult direct(SaliencyLevels lv) {
            DoubleFunction<byte[]> enc = shift -> {
                float[] q = lv.blockQualities(shift);
                BlockQuality bq = new BlockQuality(lv.blocksWide(), lv.blocksHigh(), q, o.blockMethod());
                return encode(afterEncode, ci, reference.withQuality(bq.max()), bq, null);
            };
            double top = topQuality(lv);
            if (o.fixedQuality() > 0) {
                double shift = o.fixedQuality() - top;
                return result(enc.apply(shift), SemanticMode.DIRECT, o.fixedQuality(), shift, lv.qualities(), lv.histogram(), true, 1,
                        Tune.CLASSIC, 1);
            }
            double lowest = lv.quality(0);
            SizeSearch.Outcome s = SizeSearch.search(enc, 1 - top, 100 - lowest, 0, target, o.tolerance());
            double shift = s.best().parameter();
            return result(s.best().bytes(), SemanticMode.DIRECT, Math.max(1, Math.min(100, top + shift)), shift,
                    lv.qualities(), lv.histogram(), s.withinTolerance(), s.steps(), Tune.CLASSIC, 1);
        }
    }

    /**
     * Bytes of a JPEG outside its entropy-coded data: everything up to the end of the first scan
     * header, plus the EOI marker (an estimate for progressive files, whose later scans carry
     * headers too).
     */
    static int headerBytes(byte[] jpeg) {
        int i = 2;
        while (i + 4 <= jpeg.length) {
            int marker = jpeg[i + 1] & 0xFF;
            int length = ((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF);
            i += 2 + length;
            if (marker == 0xDA) {
                return i + 2;
            }
        }
        return jpeg.length;
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
