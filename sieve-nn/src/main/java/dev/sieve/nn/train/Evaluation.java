package dev.sieve.nn.train;

import dev.sieve.nn.data.ImageDataset;
import dev.sieve.nn.model.DjlClassifier;
import java.util.function.IntConsumer;

/** Measures a classifier on a labelled data set (primary labels). */
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
                int y = data.label(from + i);
                float zy = z[i * k + y], max = Float.NEGATIVE_INFINITY;
                int above = 0;
                for (int c = 0; c < k; c++) {
                    float v = z[i * k + c];
                    max = Math.max(max, v);
                    if (v > zy || (v == zy && c < y)) {
                        above++;
                    }
                }
                double se = 0;
                for (int c = 0; c < k; c++) {
                    se += Math.exp(z[i * k + c] - max);
                }
                loss += Math.log(se) + max - zy;
                top1 += above == 0 ? 1 : 0;
                top5 += above < 5 ? 1 : 0;
            }
            progress.accept(n);
        }
        int total = data.size();
        return new Accuracy(total, (double) top1 / total, (double) top5 / total, loss / total);
    }
}
