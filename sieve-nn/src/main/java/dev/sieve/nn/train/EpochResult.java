package dev.sieve.nn.train;

/** What one epoch achieved: mean training loss and accuracy, test loss and top-1 accuracy. */
public record EpochResult(int epoch, float learningRate, double trainLoss, double trainAccuracy, double testLoss,
        double testAccuracy, double seconds, double imagesPerSecond) {
}
