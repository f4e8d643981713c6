package dev.sieve.repr;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import dev.sieve.nn.model.Network;
import java.util.ArrayList;
import java.util.List;

/**
 * One convolutional layer of a network as RePr sees it (thesis §5.4): {@code filters} filters, each
 * a {@code k×k×c} tensor flattened to a row of {@code W_ℓ}; its bias, and the parameters of the
 * BatchNorm that directly follows it (γ, β, running mean and variance), which are pruned and
 * re-initialized with the filter. {@code stage} is the index of the layer among the network's
 * top-level stages, or −1 when the convolution sits inside a composite block (ResNet units).
 */
public record ConvLayer(String name, Parameter weight, Parameter bias, Parameter gamma, Parameter beta,
        Parameter runningMean, Parameter runningVar, int stage) {

    /** Number of filters {@code J_ℓ}. */
    public int filters() {
        return (int) weight.getArray().getShape().get(0);
    }

    /** Length {@code k·k·c} of a flattened filter. */
    public int fanIn() {
        return (int) (weight.getArray().size() / filters());
    }

    /** True when the layer is followed by a BatchNorm whose parameters belong to its filters. */
    public boolean hasBatchNorm() {
        return gamma != null;
    }

    /** The weight matrix {@code W_ℓ}: one flattened filter per row. */
    public float[][] rows() {
        float[] w = weight.getArray().toFloatArray();
        int j = filters(), d = fanIn();
        float[][] r = new float[j][d];
        for (int i = 0; i < j; i++) {
            System.arraycopy(w, i * d, r[i], 0, d);
        }
        return r;
    }

    /** The parameters that hold one value (or one row) per filter. */
    public List<Parameter> perFilterParameters() {
        List<Parameter> p = new ArrayList<>(List.of(weight));
        for (Parameter q : new Parameter[] {bias, gamma, beta}) {
            if (q != null) {
                p.add(q);
            }
        }
        return p;
    }

    /**
     * The convolutions of {@code network} in forward order, state-dict names ({@code layer1.0.conv1}).
     * A BatchNorm belongs to a convolution when it is the next sibling block and has as many
     * channels as the convolution has filters (conv→bn in every zoo architecture).
     */
    public static List<ConvLayer> of(Network network) {
        List<ConvLayer> out = new ArrayList<>();
        walk("", network, true, out);
        return out;
    }

    private static void walk(String prefix, Block block, boolean top, List<ConvLayer> out) {
        PairList<String, Block> children = block.getChildren();
        for (int i = 0; i < children.size(); i++) {
            String name = prefix + children.get(i).getKey().substring(2);
            Block child = children.get(i).getValue();
            if (child instanceof Conv2d) {
                Parameter w = param(child, "weight"), b = param(child, "bias");
                BatchNorm bn = null;
                if (i + 1 < children.size() && children.get(i + 1).getValue() instanceof BatchNorm next
                        && param(next, "gamma").getArray().getShape().get(0) == w.getArray().getShape().get(0)) {
                    bn = next;
                }
                out.add(new ConvLayer(name, w, b, bn == null ? null : param(bn, "gamma"), bn == null ? null : param(bn, "beta"),
                        bn == null ? null : param(bn, "runningMean"), bn == null ? null : param(bn, "runningVar"), top ? i : -1));
            } else {
                walk(name + ".", child, false, out);
            }
        }
    }

    private static Parameter param(Block b, String name) {
        for (Pair<String, Parameter> p : b.getDirectParameters()) {
            if (p.getKey().equals(name)) {
                return p.getValue();
            }
        }
        return null;
    }
}
