package dev.sieve.repr;

import dev.sieve.nn.train.Gradients;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.sieve.nn.NnRuntime;
import dev.sieve.nn.data.ImageDataset;
import dev.sieve.nn.model.SieveModel;
import java.util.Arrays;

/**
 * Filter importance = mean absolute gradient of the cross-entropy with respect to the filter's
 * weights ("Gradients" in Table 5.1), averaged over the mini-batches of the ranking images. Works
 * for every architecture. Parameter gradients are cleared afterwards.
 */
public final class GradientRanking implements FilterRanking {

    @Override
    public String name() {
        return "gradient";
    }

    @Override
    public FilterScores rank(RankingContext context) {
        SieveModel model = context.model();
        ImageDataset data = context.requireData(name());
        int layers = context.layers().size(), size = data.imageSize();
        double[][] sum = new double[layers][];
        float[] raw = new float[context.batchSize() * size];
        long[] labels = new long[context.batchSize()];
        int batches = 0;
        Gradients.zero(model);
        for (int from = 0; from < data.size(); from += context.batchSize()) {
            int n = Math.min(context.batchSize(), data.size() - from);
            for (int i = 0; i < n; i++) {
                data.pixels(from + i, raw, i * size);
                labels[i] = data.label(from + i);
            }
            try (NDManager m = model.model().getNDManager().newSubManager()) {
                NDArray x = model.normalize(m.create(Arrays.copyOf(raw, n * size), new Shape(n, data.channels(), data.height(), data.width())));
                try (GradientCollector gc = NnRuntime.engine().newGradientCollector()) {
                    NDArray logits = model.network().forward(new ParameterStore(m, false), new NDList(x), false).get(0);
                    NDArray y = m.create(Arrays.copyOf(labels, n)).oneHot(model.numClasses());
                    gc.backward(logits.logSoftmax(1).mul(y).sum().neg().div(n));
                }
                for (int l = 0; l < layers; l++) {
                    if (!context.ranks(l)) {
                        continue;
                    }
                    try (NDArray g = context.layers().get(l).weight().getArray().getGradient()) {
                        float[] s = g.abs().reshape(g.getShape().get(0), -1).mean(new int[] {1}).toFloatArray();
                        sum[l] = MeanActivationRanking.accumulate(sum[l], s);
                    }
                }
            }
            Gradients.zero(model);
            batches++;
        }
        for (double[] s : sum) {
            if (s != null) {
                for (int f = 0; f < s.length; f++) {
                    s[f] /= batches;
                }
            }
        }
        return new FilterScores(name(), sum);
    }
}
