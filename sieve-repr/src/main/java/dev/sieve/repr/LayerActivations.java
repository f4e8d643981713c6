package dev.sieve.repr;

import dev.sieve.nn.train.Gradients;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.sieve.nn.NnRuntime;
import dev.sieve.nn.data.ImageDataset;
import dev.sieve.nn.model.Network;
import dev.sieve.nn.model.SieveModel;
import java.util.Arrays;
import java.util.List;

/**
 * Runs images through a network stage by stage (inference mode) and hands each batch's filter
 * activations to a visitor: for every convolution, its feature maps after the stages that follow it
 * up to the next convolution (for {@code C^n(X)}: after the ReLU, as APoZ and Taylor define them).
 * With {@code gates}, every map is multiplied by a ones tensor {@code g} of shape {@code (n, J, 1, 1)}
 * and the cross-entropy is back-propagated, so {@code ∂L/∂g[n, f] = Σ_{h,w} a·∂L/∂a} (the
 * first-order Taylor term of Molchanov et al. 2017) and the parameters' gradients are filled; those
 * are cleared again afterwards. Needs every convolution to be a top-level stage of the
 * {@link Network} (the vanilla {@code C^n(X)}); ResNets are ranked by the weight-based criteria.
 */
final class LayerActivations {
    /** Receives one batch: feature maps per layer, and gate gradients per layer when asked. */
    interface Visitor {
        void batch(NDArray[] maps, NDArray[] gateGradients, int n);
    }

    private LayerActivations() {
    }

    static void visit(RankingContext ctx, String metric, boolean gates, Visitor visitor) {
        SieveModel model = ctx.model();
        List<ConvLayer> layers = ctx.layers();
        for (ConvLayer l : layers) {
            if (l.stage() < 0) {
                throw new IllegalArgumentException("ranking metric '" + metric + "' needs a network whose convolutions are top-level stages"
                        + " (such as cN-X); " + model.info().architecture() + " has " + l.name() + " inside a block; use ortho, weights,"
                        + " gradient, random or oracle");
            }
        }
        Network net = model.network();
        PairList<String, Block> stages = net.getChildren();
        int last = stages.size() - 1;
        int[] tap = new int[layers.size()];
        for (int i = 0; i < layers.size(); i++) {
            tap[i] = i + 1 < layers.size() ? layers.get(i + 1).stage() - 1 : last - 1;
        }
        ImageDataset data = ctx.requireData(metric);
        int size = data.imageSize();
        float[] raw = new float[ctx.batchSize() * size];
        long[] labels = new long[ctx.batchSize()];
        NDManager root = model.model().getNDManager();
        for (int from = 0; from < data.size(); from += ctx.batchSize()) {
            int n = Math.min(ctx.batchSize(), data.size() - from);
            for (int i = 0; i < n; i++) {
                data.pixels(from + i, raw, i * size);
                labels[i] = data.label(from + i);
            }
            try (NDManager m = root.newSubManager()) {
                ParameterStore ps = new ParameterStore(m, false);
                NDArray x = model.normalize(m.create(Arrays.copyOf(raw, n * size),
                        new Shape(n, data.channels(), data.height(), data.width())));
                NDArray[] maps = new NDArray[layers.size()];
                NDArray[] g = new NDArray[layers.size()];
                GradientCollector gc = gates ? NnRuntime.engine().newGradientCollector() : null;
                try {
                    int layer = 0;
                    for (int s = 0; s < last; s++) {
                        x = stages.get(s).getValue().forward(ps, new NDList(x), false).singletonOrThrow();
                        if (layer < tap.length && s == tap[layer]) {
                            if (gates) {
                                g[layer] = m.ones(new Shape(n, x.getShape().get(1), 1, 1));
                                g[layer].setRequiresGradient(true);
                                x = x.mul(g[layer]);
                            }
                            maps[layer++] = x;
                        }
                    }
                    if (gates) {
                        NDArray logits = net.fc().forward(ps, new NDList(pool(net, x)), false).singletonOrThrow();
                        NDArray y = m.create(Arrays.copyOf(labels, n)).oneHot(model.numClasses());
                        gc.backward(logits.logSoftmax(1).mul(y).sum().neg().div(n));
                    }
                } finally {
                    if (gc != null) {
                        gc.close();
                    }
                }
                NDArray[] grads = new NDArray[layers.size()];
                if (gates) {
                    for (int i = 0; i < g.length; i++) {
                        grads[i] = g[i].getGradient();
                    }
                    Gradients.zero(model);
                }
                visitor.batch(maps, grads, n);
            }
        }
    }

    private static NDArray pool(Network net, NDArray f) {
        Shape s = f.getShape();
        return net.head() == Network.Head.GLOBAL_AVERAGE ? f.sum(new int[] {2, 3}).div(s.get(2) * s.get(3)) : f.reshape(s.get(0), -1);
    }
}
