package dev.sieve.nn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A classification network in two parts: a feature extractor (named stages ending in the last
 * convolution) and a classifier on top: a linear {@code fc} after global average pooling (so class
 * activation maps exist, thesis eq. 2.2) or after flattening (the vanilla {@code C^n(X)} of thesis
 * §5.4), or the MS-ROI head {@code msroi} whose per-class score maps are averaged into the logits
 * (thesis §2.3). One forward pass returns {@code NDList(logits, features)}; for MS-ROI it returns
 * {@code NDList(logits, class score maps (N, classes, h, w), class features (N, classes·D, h, w))},
 * the class features being the head's input to its last (grouped 1×1) layer.
 */
public final class Network extends AbstractBlock {
    /** How the last feature maps reach the classifier. */
    public enum Head {
        /** Mean over space, then {@code fc}: weights {@code (classes, D)}. */
        GLOBAL_AVERAGE,
        /** All positions flattened, then {@code fc}: weights {@code (classes, D·H·W)}. */
        FLATTEN,
        /** A fully convolutional block giving one score map per class; logits = spatial mean (eq. 2.4). */
        CLASS_MAPS
    }

    private final List<Block> stages = new ArrayList<>();
    private final Head head;
    private Block fc;

    public Network(Head head) {
        this.head = head;
    }

    /** Appends a feature stage under {@code name}. */
    public Network stage(String name, Block block) {
        if (fc != null) {
            throw new IllegalStateException("stages must come before the classifier");
        }
        stages.add(addChildBlock(name, block));
        return this;
    }

    /** Adds the classifier {@code fc} with {@code classes} outputs. */
    public Network classifier(int classes) {
        if (head == Head.CLASS_MAPS) {
            throw new IllegalStateException("an MS-ROI network takes classMaps(block), not a linear classifier");
        }
        fc = addChildBlock("fc", Linear.builder().setUnits(classes).build());
        return this;
    }

    /** Adds the MS-ROI head {@code msroi}: features to {@code (N, classes, h, w)} class score maps. */
    public Network classMaps(Block block) {
        if (head != Head.CLASS_MAPS) {
            throw new IllegalStateException("class maps need Head.CLASS_MAPS");
        }
        fc = addChildBlock("msroi", block);
        return this;
    }

    /** The feature stages, in order. */
    public List<Block> stages() {
        return java.util.Collections.unmodifiableList(stages);
    }

    public Head head() {
        return head;
    }

    /** The classifier block (for pooling heads its {@code weight} parameter is the {@code w^c} of eq. 2.2). */
    public Block fc() {
        return fc;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return forward(ps, inputs.singletonOrThrow(), training, params, UnaryOperator.identity());
    }

    /**
     * Forward pass in which {@code afterStage} may replace each stage's output before the next stage
     * sees it (the activation perturbations of Aug-MSROI, thesis §3.6).
     */
    public NDList forward(ParameterStore ps, NDArray input, boolean training, PairList<String, Object> params,
            UnaryOperator<NDArray> afterStage) {
        NDList x = new NDList(input);
        for (Block b : stages) {
            x = new NDList(afterStage.apply(b.forward(ps, x, training, params).singletonOrThrow()));
        }
        NDArray features = x.singletonOrThrow();
        if (head == Head.CLASS_MAPS) {
            NDList h = new NDList(features);
            NDArray classFeatures = null;
            var children = fc.getChildren().values();
            for (int i = 0; i < children.size(); i++) {
                h = children.get(i).forward(ps, h, training, params);
                if (i == children.size() - 2) {
                    classFeatures = h.singletonOrThrow();
                }
            }
            NDArray maps = h.singletonOrThrow();
            Shape ms = maps.getShape();
            return new NDList(maps.sum(new int[] {2, 3}).div(ms.get(2) * ms.get(3)), maps, classFeatures);
        }
        NDArray logits = fc.forward(ps, new NDList(pool(features)), training, params).singletonOrThrow();
        return new NDList(logits, features);
    }

    private NDArray pool(NDArray f) {
        Shape s = f.getShape();
        if (head == Head.GLOBAL_AVERAGE) {
            return f.sum(new int[] {2, 3}).div(s.get(2) * s.get(3));
        }
        return f.reshape(s.get(0), -1);
    }

    private Shape pooledShape(Shape f) {
        return head == Head.GLOBAL_AVERAGE ? new Shape(f.get(0), f.get(1)) : new Shape(f.get(0), f.get(1) * f.get(2) * f.get(3));
    }

    /** Shape of the last feature maps for {@code input}. */
    public Shape featureShape(Shape input) {
        Shape[] s = {input};
        for (Block b : stages) {
            s = b.getOutputShapes(s);
        }
        return s[0];
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape f = featureShape(inputs[0]);
        if (head == Head.CLASS_MAPS) {
            Shape[] h = {f};
            Shape classFeatures = f;
            var children = fc.getChildren().values();
            for (int i = 0; i < children.size(); i++) {
                h = children.get(i).getOutputShapes(h);
                if (i == children.size() - 2) {
                    classFeatures = h[0];
                }
            }
            return new Shape[] {new Shape(h[0].get(0), h[0].get(1)), h[0], classFeatures};
        }
        return new Shape[] {fc.getOutputShapes(new Shape[] {pooledShape(f)})[0], f};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] s = inputShapes;
        for (Block b : stages) {
            b.initialize(manager, dataType, s);
            s = b.getOutputShapes(s);
        }
        fc.initialize(manager, dataType, head == Head.CLASS_MAPS ? s[0] : pooledShape(s[0]));
    }
}
