package dev.sieve.nn.model;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.sieve.image.Planar;
import dev.sieve.nn.NnRuntime;
import dev.sieve.nn.data.ImageFit;
import java.util.ArrayList;
import java.util.List;

/** A {@link Classifier} backed by a DJL model; subclasses say how a normalized batch becomes outputs. */
public abstract class DjlClassifier implements Classifier {
    private static final int CHUNK = 64;
    protected final Model model;
    private final InputSpec spec;
    private final List<String> classes;
    protected final ParameterStore store;

    protected DjlClassifier(Model model, InputSpec spec, List<String> classes) {
        this.model = model;
        this.spec = spec;
        this.classes = List.copyOf(classes);
        this.store = new ParameterStore(model.getNDManager(), false);
    }

    /** Outputs of the network for a normalized batch; element 0 holds the logits. */
    protected abstract NDList forward(ParameterStore ps, NDArray normalized, boolean training);

    /** Inference-mode outputs through which gradients flow back to the input. */
    protected NDList forwardWithGradient(ParameterStore ps, NDArray normalized) {
        return forward(ps, normalized, false);
    }

    @Override
    public List<String> classes() {
        return classes;
    }

    @Override
    public InputSpec input() {
        return spec;
    }

    /** The DJL model (for training and saving). */
    public Model model() {
        return model;
    }

    /** {@code (x / 255 − mean) / std} per channel, on the engine. */
    public NDArray normalize(NDArray raw) {
        NDManager m = raw.getManager();
        int c = spec.channels();
        NDArray mean = m.create(spec.normalization().mean(), new Shape(1, c, 1, 1)).mul(255f);
        NDArray std = m.create(spec.normalization().std(), new Shape(1, c, 1, 1)).mul(255f);
        return raw.sub(mean).div(std);
    }

    /** Outputs for {@code n} raw CHW images in [0, 255], in inference mode. */
    public NDList forwardRaw(NDManager m, float[] raw, int n) {
        NDArray x = m.create(raw, new Shape(n, spec.channels(), spec.height(), spec.width()));
        return forward(store, normalize(x), false);
    }

    /** Logits of {@code n} raw CHW images in [0, 255], row-major {@code n × classes}. */
    public float[] logits(float[] raw, int n) {
        try (NDManager m = model.getNDManager().newSubManager()) {
            return forwardRaw(m, raw, n).get(0).toFloatArray();
        }
    }

    @Override
    public float[][] logits(List<Planar> images) {
        float[][] out = new float[images.size()][];
        int k = numClasses();
        for (int from = 0; from < images.size(); from += CHUNK) {
            int n = Math.min(CHUNK, images.size() - from);
            float[] z = logits(pack(images.subList(from, from + n)), n);
            for (int i = 0; i < n; i++) {
                out[from + i] = java.util.Arrays.copyOfRange(z, i * k, (i + 1) * k);
            }
        }
        return out;
    }

    @Override
    public InputGradient inputGradient(List<Planar> images, int[] targets, ClassifierLoss loss) {
        if (targets.length != images.size()) {
            throw new IllegalArgumentException(images.size() + " images but " + targets.length + " targets");
        }
        long[] t = new long[targets.length];
        for (int i = 0; i < t.length; i++) {
            if (targets[i] < 0 || targets[i] >= numClasses()) {
                throw new IllegalArgumentException("target class " + targets[i] + " outside 0.." + (numClasses() - 1));
            }
            t[i] = targets[i];
        }
        return gradient(images, logits -> {
            NDArray oneHot = logits.getManager().create(t).oneHot(numClasses());
            return loss == ClassifierLoss.LOGIT
                    ? logits.mul(oneHot).sum(new int[] {1})
                    : logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).neg();
        });
    }

    @Override
    public InputGradient logitGradient(List<Planar> images, float[][] weights) {
        int k = numClasses();
        if (weights.length != images.size()) {
            throw new IllegalArgumentException(images.size() + " images but " + weights.length + " weight rows");
        }
        float[] w = new float[weights.length * k];
        for (int i = 0; i < weights.length; i++) {
            if (weights[i].length != k) {
                throw new IllegalArgumentException("weight row " + i + " has " + weights[i].length + " entries, the model has " + k + " classes");
            }
            System.arraycopy(weights[i], 0, w, i * k, k);
        }
        return gradient(images, logits -> logits.mul(logits.getManager().create(w, new Shape(weights.length, k))).sum(new int[] {1}));
    }

    @Override
    public InputGradient logitLossGradient(List<Planar> images, LogitLoss loss) {
        int n = images.size(), k = numClasses();
        float[] values = new float[n];
        InputGradient g = gradient(images, logits -> {
            float[] z = logits.toFloatArray();
            float[] w = new float[n * k];
            for (int i = 0; i < n; i++) {
                float[] zi = java.util.Arrays.copyOfRange(z, i * k, (i + 1) * k);
                values[i] = (float) loss.value(i, zi);
                System.arraycopy(loss.weights(i, zi), 0, w, i * k, k);
            }
            return logits.mul(logits.getManager().create(w, new Shape(n, k))).sum(new int[] {1});
        });
        return new InputGradient(values, g.gradients(), g.logits());
    }

    /**
     * Per-image losses {@code perImage(logits)}, their gradients with respect to the images and the
     * pass's logits. The weights stop requiring gradients for the call, so the backward pass skips the
     * weight gradients (a third of a forward + backward pass's work; the input gradients are bit-identical).
     */
    private InputGradient gradient(List<Planar> images, java.util.function.UnaryOperator<NDArray> perImageLoss) {
        List<NDArray> weights = new ArrayList<>();
        for (ai.djl.util.Pair<String, ai.djl.nn.Parameter> p : model.getBlock().getParameters()) {
            if (p.getValue().requiresGradient() && p.getValue().isInitialized()) {
                weights.add(p.getValue().getArray());
            }
        }
        weights.forEach(w -> w.setRequiresGradient(false));
        try {
            return gradientOfInput(images, perImageLoss);
        } finally {
            weights.forEach(w -> w.setRequiresGradient(true));
        }
    }

    private InputGradient gradientOfInput(List<Planar> images, java.util.function.UnaryOperator<NDArray> perImageLoss) {
        int n = images.size();
        float[] raw = pack(images);
        try (NDManager m = model.getNDManager().newSubManager();
                GradientCollector gc = NnRuntime.engine().newGradientCollector()) {
            NDArray x = m.create(raw, new Shape(n, spec.channels(), spec.height(), spec.width()));
            x.setRequiresGradient(true);
            NDArray logits = forwardWithGradient(store, normalize(x)).get(0);
            NDArray perImage = perImageLoss.apply(logits);
            gc.backward(perImage.sum());
            float[] z = logits.toFloatArray();
            float[] g = x.getGradient().toFloatArray();
            float[] losses = perImage.toFloatArray();
            List<Planar> grads = new ArrayList<>(n);
            int hw = spec.height() * spec.width();
            for (int i = 0; i < n; i++) {
                float[][] planes = new float[spec.channels()][];
                for (int c = 0; c < planes.length; c++) {
                    planes[c] = java.util.Arrays.copyOfRange(g, (i * planes.length + c) * hw, (i * planes.length + c + 1) * hw);
                }
                grads.add(new Planar(spec.width(), spec.height(), planes));
            }
            int k = numClasses();
            float[][] zs = new float[n][];
            for (int i = 0; i < n; i++) {
                zs[i] = java.util.Arrays.copyOfRange(z, i * k, (i + 1) * k);
            }
            return new InputGradient(losses, grads, zs);
        }
    }

    /** Images (which must already match the input) packed CHW. */
    protected float[] pack(List<Planar> images) {
        float[] raw = new float[images.size() * spec.size()];
        for (int i = 0; i < images.size(); i++) {
            Planar p = images.get(i);
            if (p.channels() != spec.channels() || p.width() != spec.width() || p.height() != spec.height()) {
                throw new IllegalArgumentException("image " + i + " is " + p.width() + "x" + p.height() + "x" + p.channels()
                        + ", the model takes " + spec.width() + "x" + spec.height() + "x" + spec.channels() + " (use InputSpec.fit)");
            }
            ImageFit.copyChw(p, raw, i * spec.size());
        }
        return raw;
    }

    @Override
    public void close() {
        model.close();
    }
}
