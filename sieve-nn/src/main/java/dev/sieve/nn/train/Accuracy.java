package dev.sieve.nn.train;

/** Top-1 / top-5 accuracy and mean cross-entropy over a data set. */
public record Accuracy(int images, double top1, double top5, double loss) {
}
