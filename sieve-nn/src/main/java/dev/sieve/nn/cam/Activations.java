package dev.sieve.nn.cam;

/**
 * One image's last-convolution feature maps {@code f_d(x, y)} ({@code channels × height × width},
 * row-major), its logits, and the classifier weights: {@code classes × channels} ({@code w_d^c}
 * of eq. 2.2, global-average-pooling head) or, with {@code perPosition}, {@code classes × channels
 * × height × width} (a flattening head, whose CAM weights every position separately).
 */
public record Activations(int channels, int height, int width, float[] features, float[] logits, float[] weights,
        boolean perPosition) {
    public Activations {
        int per = channels * (perPosition ? height * width : 1);
        if (features.length != channels * height * width || logits.length == 0 || weights.length != logits.length * per) {
            throw new IllegalArgumentException("inconsistent activations: " + features.length + " features for "
                    + channels + "x" + height + "x" + width + ", " + weights.length + " weights for " + logits.length + " classes");
        }
    }

    public int classes() {
        return logits.length;
    }
}
