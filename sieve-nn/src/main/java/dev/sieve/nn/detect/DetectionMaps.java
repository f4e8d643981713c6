package dev.sieve.nn.detect;

import dev.sieve.image.saliency.SaliencyMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Turning detections into saliency maps, and the greedy non-maximum suppression detectors share. */
final class DetectionMaps {
    private DetectionMaps() {
    }

    /**
     * A {@code w × h} map, stretched over an {@code imageWidth × imageHeight} image, where each pixel is the
     * highest score of the boxes (in image pixels) covering it (0 outside every box); each box is first scaled
     * by {@code grow} about its centre and clipped to the image.
     */
    static SaliencyMap boxes(int imageWidth, int imageHeight, int w, int h, List<Detection> detections, float grow) {
        float[] v = new float[w * h];
        float sx = (float) w / imageWidth, sy = (float) h / imageHeight;
        for (Detection d : detections) {
            float cx = (d.x0() + d.x1()) / 2 * sx, cy = (d.y0() + d.y1()) / 2 * sy;
            float hw = d.width() * sx * grow / 2, hh = d.height() * sy * grow / 2;
            int x0 = Math.max(0, (int) Math.floor(cx - hw)), x1 = Math.min(w, (int) Math.ceil(cx + hw));
            int y0 = Math.max(0, (int) Math.floor(cy - hh)), y1 = Math.min(h, (int) Math.ceil(cy + hh));
            for (int y = y0; y < y1; y++) {
                for (int x = x0, i = y * w + x0; x < x1; x++, i++) {
                    v[i] = Math.max(v[i], d.score());
                }
            }
        }
        return new SaliencyMap(w, h, v);
    }

    /** Greedy non-maximum suppression: best first, dropping any box that overlaps a kept one by IoU above {@code maxIou}. */
    static List<Detection> nonMaxSuppression(List<Detection> in, float maxIou, int maxKept) {
        List<Detection> sorted = new ArrayList<>(in);
        sorted.sort(Comparator.comparingDouble(Detection::score).reversed());
        List<Detection> kept = new ArrayList<>();
        for (Detection d : sorted) {
            if (kept.size() >= maxKept) {
                break;
            }
            if (kept.stream().noneMatch(k -> k.iou(d) > maxIou)) {
                kept.add(d);
            }
        }
        return List.copyOf(kept);
    }

    /** A box in network-input pixels ({@code size × size}) mapped to a {@code w × h} image and clipped. */
    static Detection toImage(String label, float score, float x0, float y0, float x1, float y1, int size, int w, int h) {
        float sx = (float) w / size, sy = (float) h / size;
        return new Detection(label, score,
                clip(Math.min(x0, x1) * sx, w), clip(Math.min(y0, y1) * sy, h),
                clip(Math.max(x0, x1) * sx, w), clip(Math.max(y0, y1) * sy, h));
    }

    private static float clip(float v, int max) {
        return Math.min(Math.max(v, 0), max);
    }
}
