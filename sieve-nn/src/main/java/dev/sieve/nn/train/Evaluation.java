package dev.sieve.nn.train;

import dev.sieve.nn.data.ImageDataset;
import dev.sieve.nn.model.DjlClassifier;
import dev.sieve.nn.model.Network;
import dev.sieve.nn.model.SieveModel;
import java.util.function.IntConsumer;

/**
 * Measures a classifier on a labelled data set. Top-1 / top-5 count a hit when one of the image's
 * labels is among the top 1 / 5 classes; the loss is softmax cross-entropy of the primary label, or
 * for an MS-ROI network the per-class sigmoid cross-entropy of all labels averaged over classes.
 */
public final class Evaluation {
    private Evaluation() {
    }

    /** Top-1 / top-5 accuracy and mean cross-entropy; {@code progress} receives images done per batch. */
    public static Accuracy accuracy(DjlClassifier model, ImageDataset data, int batchSize, IntConsumer progress) {
        if (data.channels() != model.input().channels() || data.height() != model.input().height() || data.width() != model.input().width()) {
            throw new IllegalArgumentException(data.source() + ": images are " + data.width() + "x" + data.height() + "x" + data.channels()
                    + ", the model takes " + model.input().width() + "x" + model.input().height() + "x" + model.input().channels());
        }
        if (data.classes().size() != model.numClasses()) {
            throw new IllegalArgumentException(data.source() + ": " + data.classes().size() + " classes, the model has " + model.numClasses());
        }
        int k = model.numClasses(), size = data.imageSize();
        boolean sigmoid = model instanceof SieveModel s && s.network().head() == Network.Head.CLASS_MAPS;
        long top1 = 0, top5 = 0;
        double loss = 0;
        float[] raw = new float[batchSize * size];
        for (int from = 0; from < data.size(); from += batchSize) {
            int n = Math.min(batchSize, data.size() - from);
            for (int i = 0; i < n; i++) {
                data.pixels(from + i, raw, i * size);
            }
            float[] z = model.logits(n == batchSize ? raw : java.util.Arrays.copyOf(raw, n * size), n);
            for (int i = 0; i < n; i++) {
                int[] ys = data.labels(from + i);
                int best = Integer.MAX_VALUE;
                for (int y : ys) {
                    best = Math.min(best, rank(z, i * k, k, y));
                }
                top1 += best == 0 ? 1 : 0;
                top5 += best < 5 ? 1 : 0;
                loss += sigmoid ? sigmoidLoss(z, i * k, k, ys) : softmaxLoss(z, i * k, k, data.label(from + i));
            }
            progress.accept(n);
        }
        int total = data.size();
        return new Accuracy(total, (double) top1 / total, (double) top5 / total, loss / total);
    }

    /** Classes ranked above class {@code y} (ties: lower index first). */
    private static int rank(float[] z, int off, int k, int y) {
        float zy = z[off + y];
        int above = 0;
        for (int c = 0; c < k; c++) {
            float v = z[off + c];
            if (v > zy || (v == zy && c < y)) {
                above++;
            }
        }
        return above;
    }

    private static double softmaxLoss(float[] z, int off, int k, int y) {
        float max = Float.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            max = Math.max(max, z[off + c]);
        }
        double se = 0;
        for (int c = 0; c < k; c++) {
            se += Math.exp(z[off + c] - max);
        }
        return Math.log(se) + max - z[off + y];
    }

    /** Mean over classes of {@code −log σ(±z_c)}, computed stably. */
    private static double sigmoidLoss(float[] z, int off, int k, int[] ys) {
        double l = 0;
        for (int c = 0; c < k; c++) {
            boolean positive = false;
            for (int y : ys) {
                positive |= y == c;
            }
            double x = positive ? z[off + c] : -z[off + c];
            l += Math.max(-x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
        }
        return l / k;
    }
}
