package dev.sieve.nn.detect;

/**
 * One detected object: its class, score in [0, 1] and box in image pixels ({@code x0 ≤ x1},
 * {@code y0 ≤ y1}, clipped to the image; x right, y down).
 */
public record Detection(String label, float score, float x0, float y0, float x1, float y1) {
    public float width() {
        return x1 - x0;
    }

    public float height() {
        return y1 - y0;
    }

    /** Whether pixel ({@code x}, {@code y}) lies in the box. */
    public boolean contains(double x, double y) {
        return x >= x0 && x <= x1 && y >= y0 && y <= y1;
    }

    /** Intersection over union with {@code o}. */
    public float iou(Detection o) {
        float iw = Math.max(0, Math.min(x1, o.x1) - Math.max(x0, o.x0));
        float ih = Math.max(0, Math.min(y1, o.y1) - Math.max(y0, o.y0));
        float inter = iw * ih;
        float union = width() * height() + o.width() * o.height() - inter;
        return union <= 0 ? 0 : inter / union;
    }
}
