package dev.sieve.nn.msroi;

/**
 * How an MS-ROI map is computed.
 *
 * @param selection which classes contribute ({@link RoiSelection})
 * @param threshold {@code T} on the class score {@code Z^c} (a logit: 0 means P(c) = 0.5, eq. 2.6)
 * @param topK classes combined by {@link RoiSelection#TOP_K} (thesis: 5)
 * @param shortSide the network sees the whole image resized (aspect kept) so its shorter side is this
 *     many pixels (at most {@link #MAX_SHORT_SIDE}); 0 runs it at the image's own resolution. Either way the
 *     network input may hold at most {@link #MAX_INPUT_PIXELS} pixels.
 * @param evidence what is summed per selected class ({@link ClassEvidence})
 */
public record MsroiOptions(RoiSelection selection, float threshold, int topK, int shortSide, ClassEvidence evidence) implements java.io.Serializable {
    /** Top-5 by rank, {@code T = 0}, shorter side 256 px, class score maps ({@link ClassEvidence#SCORES}). */
    public static final MsroiOptions DEFAULT = new MsroiOptions(RoiSelection.TOP_K, 0f, 5, 256);

    /** Largest input short side, px. */
    public static final int MAX_SHORT_SIDE = 2048;

    /** Largest network input, pixels (2048²: about 1 GB of activations for the shipped model). */
    public static final long MAX_INPUT_PIXELS = 2048L * 2048;

    /**
     * With {@link ClassEvidence#SCORES}: on held-out scenes the shipped model's score maps localize
     * objects (lift 1.9) where its summed class features do not (lift 0.9); see docs/results/msroi.md.
     */
    public MsroiOptions(RoiSelection selection, float threshold, int topK, int shortSide) {
        this(selection, threshold, topK, shortSide, ClassEvidence.SCORES);
    }

    public MsroiOptions {
        if (selection == null || evidence == null) {
            throw new IllegalArgumentException("MS-ROI needs a class selection rule");
        }
        if (topK < 1) {
            throw new IllegalArgumentException("MS-ROI top-k must be ≥ 1, got " + topK);
        }
        if (shortSide < 0 || shortSide > MAX_SHORT_SIDE) {
            throw new IllegalArgumentException("MS-ROI input short side must be 0 (native) or 1.." + MAX_SHORT_SIDE + " px, got " + shortSide);
        }
        if (!Float.isFinite(threshold)) {
            throw new IllegalArgumentException("MS-ROI threshold must be finite");
        }
    }

    public MsroiOptions withSelection(RoiSelection s) {
        return new MsroiOptions(s, threshold, topK, shortSide, evidence);
    }

    public MsroiOptions withThreshold(float t) {
        return new MsroiOptions(selection, t, topK, shortSide, evidence);
    }

    public MsroiOptions withTopK(int k) {
        return new MsroiOptions(selection, threshold, k, shortSide, evidence);
    }

    public MsroiOptions withShortSide(int px) {
        return new MsroiOptions(selection, threshold, topK, px, evidence);
    }

    public MsroiOptions withEvidence(ClassEvidence e) {
        return new MsroiOptions(selection, threshold, topK, shortSide, e);
    }
}
