package dev.sieve.nn.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * Blocks applied one after the other, each under a name of our choosing (torchvision's
 * {@code layer1.0}, {@code features.28}), so parameter paths match PyTorch state dicts.
 */
public class NamedSequential extends AbstractBlock {
    private final List<Block> sequence = new ArrayList<>();

    /** Appends {@code block} under {@code name}. */
    public NamedSequential add(String name, Block block) {
        sequence.add(addChildBlock(name, block));
        return this;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList x = inputs;
        for (Block b : sequence) {
            x = b.forward(ps, x, training, params);
        }
        return x;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape[] s = inputs;
        for (Block b : sequence) {
            s = b.getOutputShapes(s);
        }
        return s;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] s = inputShapes;
        for (Block b : sequence) {
            b.initialize(manager, dataType, s);
            s = b.getOutputShapes(s);
        }
    }
}
