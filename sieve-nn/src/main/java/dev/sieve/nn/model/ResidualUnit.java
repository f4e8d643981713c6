package dev.sieve.nn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A residual unit of He et al. 2016 with torchvision's names: the basic unit
 * ({@code conv1 bn1 conv2 bn2}, two 3×3 convolutions) or the bottleneck ({@code conv1 bn1 conv2 bn2
 * conv3 bn3}, 1×1 → 3×3 → 1×1 with 4× expansion, stride on the 3×3 as torchvision v1.5), plus a
 * {@code downsample} projection (1×1 convolution + batch norm) when the shape changes.
 */
public final class ResidualUnit extends AbstractBlock {
    private final Block[] main;
    private final Block downsample;

    private ResidualUnit(Block[] main, Block downsample) {
        this.main = main;
        this.downsample = downsample;
    }

    /** The basic unit: {@code in → out} channels with {@code stride}. */
    public static ResidualUnit basic(int in, int out, int stride) {
        ResidualUnit u = new ResidualUnit(new Block[4], in != out || stride != 1 ? projection(out, stride) : null);
        u.main[0] = u.addChildBlock("conv1", conv(out, 3, stride));
        u.main[1] = u.addChildBlock("bn1", BatchNorm.builder().build());
        u.main[2] = u.addChildBlock("conv2", conv(out, 3, 1));
        u.main[3] = u.addChildBlock("bn2", BatchNorm.builder().build());
        u.addDownsample();
        return u;
    }

    /** The bottleneck unit: {@code in → 4·width} channels with {@code stride}. */
    public static ResidualUnit bottleneck(int in, int width, int stride) {
        int out = 4 * width;
        ResidualUnit u = new ResidualUnit(new Block[6], in != out || stride != 1 ? projection(out, stride) : null);
        u.main[0] = u.addChildBlock("conv1", conv(width, 1, 1));
        u.main[1] = u.addChildBlock("bn1", BatchNorm.builder().build());
        u.main[2] = u.addChildBlock("conv2", conv(width, 3, stride));
        u.main[3] = u.addChildBlock("bn2", BatchNorm.builder().build());
        u.main[4] = u.addChildBlock("conv3", conv(out, 1, 1));
        u.main[5] = u.addChildBlock("bn3", BatchNorm.builder().build());
        u.addDownsample();
        return u;
    }

    private void addDownsample() {
        if (downsample != null) {
            addChildBlock("downsample", downsample);
        }
    }

    private static Block projection(int out, int stride) {
        return new NamedSequential().add("0", conv(out, 1, stride)).add("1", BatchNorm.builder().build());
    }

    /** A bias-free {@code k×k} convolution with "same" padding. */
    static Conv2d conv(int filters, int k, int stride) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(k, k))
                .optStride(new Shape(stride, stride)).optPadding(new Shape(k / 2, k / 2)).optBias(false).build();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList x = inputs;
        for (int i = 0; i < main.length; i++) {
            x = main[i].forward(ps, x, training, params);
            if (i % 2 == 1 && i < main.length - 1) {
                x = new NDList(Activation.relu(x.singletonOrThrow()));
            }
        }
        NDArray identity = downsample == null ? inputs.singletonOrThrow()
                : downsample.forward(ps, inputs, training, params).singletonOrThrow();
        return new NDList(Activation.relu(x.singletonOrThrow().add(identity)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape[] s = inputs;
        for (Block b : main) {
            s = b.getOutputShapes(s);
        }
        return s;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] s = inputShapes;
        for (Block b : main) {
            b.initialize(manager, dataType, s);
            s = b.getOutputShapes(s);
        }
        if (downsample != null) {
            downsample.initialize(manager, dataType, inputShapes);
        }
    }
}
