package dev.sieve.nn.tfjs;

import java.util.HashMap;
import java.util.Map;

/**
 * Static inference of the spatial size (height, width) of the rank-4 NHWC image tensors of a graph at
 * its declared input shape (the {@code shape} of its placeholder), for the ops of fully convolutional
 * networks: convolutions and pooling (TensorFlow's padding), constant-size ResizeBilinear, Pad,
 * spatial reductions that keep their dimensions, broadcasting element-wise ops and the ops that keep
 * the size of their first image input. A node outside these has no size ({@code null}).
 */
final class DeclaredSizes {
    private final Map<String, GraphNode> nodes;
    private final Map<String, HostTensor> constants;
    private final Map<String, int[]> memo = new HashMap<>();

    DeclaredSizes(Map<String, GraphNode> nodes, Map<String, HostTensor> constants) {
        this.nodes = nodes;
        this.constants = constants;
    }

    /** {height, width} of the output of node {@code input} (a node name, {@code :k} ignored) at the declared input, or null. */
    int[] of(String input) {
        String name = GraphNode.producer(input);
        if (memo.containsKey(name)) {
            return memo.get(name);
        }
        memo.put(name, null); // a cycle gives no size
        int[] s = infer(nodes.get(name));
        memo.put(name, s);
        return s;
    }

    private int[] infer(GraphNode n) {
        if (n == null) {
            return null;
        }
        return switch (n.op()) {
            case "Placeholder" -> {
                long[] d = n.shape("shape");
                yield d.length == 4 && d[1] > 0 && d[2] > 0 ? new int[] {(int) d[1], (int) d[2]} : null;
            }
            case "Conv2D", "_FusedConv2D", "DepthwiseConv2dNative", "FusedDepthwiseConv2dNative" -> {
                HostTensor f = constants.get(GraphNode.producer(n.inputs().get(1)));
                yield f == null || f.shape().length != 4 ? null
                        : window(n, of(n.inputs().get(0)), (int) f.shape()[0], (int) f.shape()[1], n.ints("strides"), n.ints("dilations"));
            }
            case "MaxPool", "AvgPool" -> {
                long[] k = n.ints("ksize");
                yield k.length != 4 ? null : window(n, of(n.inputs().get(0)), (int) k[1], (int) k[2], n.ints("strides"), new long[0]);
            }
            case "ResizeBilinear" -> {
                int[] v = intValues(n.inputs().get(1));
                yield v == null || v.length != 2 ? null : v;
            }
            case "Pad" -> {
                int[] in = of(n.inputs().get(0));
                int[] p = intValues(n.inputs().get(1));
                yield in == null || p == null || p.length != 8 ? null : new int[] {in[0] + p[2] + p[3], in[1] + p[4] + p[5]};
            }
            case "Mean", "Sum", "Max" -> {
                int[] in = of(n.inputs().get(0));
                int[] axes = intValues(n.inputs().get(1));
                if (in == null || axes == null || !n.bool("keep_dims", false)) {
                    yield null;
                }
                int[] out = in.clone();
                for (int a : axes) {
                    int axis = a < 0 ? a + 4 : a;
                    if (axis == 1 || axis == 2) {
                        out[axis - 1] = 1;
                    }
                }
                yield out;
            }
            case "Add", "AddV2", "BiasAdd", "Sub", "Mul", "RealDiv", "Div", "Maximum", "Minimum", "AddN" -> {
                int[] out = null;
                for (String in : n.inputs()) {
                    int[] s = of(in);
                    out = s == null ? out : out == null ? s.clone() : new int[] {Math.max(out[0], s[0]), Math.max(out[1], s[1])};
                }
                yield out;
            }
            case "Identity", "Relu", "Relu6", "Sigmoid", "Tanh", "Elu", "LeakyRelu", "Cast", "ConcatV2" -> of(n.inputs().get(0));
            default -> null;
        };
    }

    /** The output size of a windowed op (convolution, pooling) on input size {@code in}, or null. */
    private static int[] window(GraphNode n, int[] in, int kh, int kw, long[] strides, long[] dilations) {
        if (in == null) {
            return null;
        }
        String pad = n.string("padding", "VALID");
        int sh = strides.length == 4 ? (int) strides[1] : 1, sw = strides.length == 4 ? (int) strides[2] : 1;
        int dh = dilations.length == 4 ? (int) dilations[1] : 1, dw = dilations.length == 4 ? (int) dilations[2] : 1;
        long[] explicit = n.ints("explicit_paddings");
        return new int[] {GraphOps.padding(pad, in[0], kh, sh, dh, explicit, 1)[2], GraphOps.padding(pad, in[1], kw, sw, dw, explicit, 2)[2]};
    }

    /** The values of an int32 constant, or null when {@code input} is not one. */
    int[] intValues(String input) {
        GraphNode n = nodes.get(GraphNode.producer(input));
        HostTensor t = n == null || !n.op().equals("Const") ? null : constants.get(n.name());
        return t == null || !t.dtype().equals("int32") ? null : t.ints();
    }
}
