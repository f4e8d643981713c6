package dev.sieve.nn.detect;

import dev.sieve.image.Planar;
import dev.sieve.image.saliency.SaliencyMap;
import java.util.List;

/**
 * A pretrained detector as a saliency source: finds objects, faces or people in an RGB image of any
 * size and turns them into a map. Safe to call from several threads.
 */
public interface Detector extends AutoCloseable {
    /** The source's name: {@code objects}, {@code faces} or {@code people}. */
    String name();

    /** What it finds in {@code rgb} (1 or 3 channels, 0..255): the detections, best first, and their map (same size as the image). */
    default Result detect(Planar rgb) {
        return detect(rgb, rgb.width(), rgb.height());
    }

    /**
     * As {@link #detect(Planar)}, with the map made at {@code mapWidth × mapHeight} (stretched over the image;
     * a fusion's working size); the detections stay in image pixels.
     */
    Result detect(Planar rgb, int mapWidth, int mapHeight);

    @Override
    void close();

    /** Detections in image pixels and the saliency map they make. */
    record Result(List<Detection> detections, SaliencyMap map) {
    }
}
