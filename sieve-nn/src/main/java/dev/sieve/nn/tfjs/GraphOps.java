package dev.sieve.nn.tfjs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * TensorFlow ops of TF.js graph models, on DJL's PyTorch engine, with TensorFlow's semantics
 * (NHWC tensors, SAME / VALID padding split as TF splits it, bilinear resize sampling, broadcasting).
 * Image ops run in NCHW ({@link LayoutArray}). Every op here is checked against TF.js itself by the
 * parity tests of the detectors that use it.
 */
final class GraphOps {
    /** The ops implemented, sorted. */
    static final Set<String> SUPPORTED = new TreeSet<>(List.of(
            "Placeholder", "Const", "Identity",
            "Conv2D", "_FusedConv2D", "DepthwiseConv2dNative", "FusedDepthwiseConv2dNative", "Conv2DBackpropInput",
            "MaxPool", "AvgPool", "ResizeBilinear", "Pad",
            "Relu", "Relu6", "Sigmoid", "Tanh", "Elu", "LeakyRelu",
            "Add", "AddV2", "AddN", "BiasAdd", "Sub", "Mul", "RealDiv", "Div", "Maximum", "Minimum", "FloorDiv", "FloorMod",
            "Equal", "Greater", "Less", "Cast", "Mean", "Sum", "Max",
            "Reshape", "ExpandDims", "Squeeze", "ConcatV2", "StridedSlice", "GatherV2", "TopKV2"));

    /** Access to conv filters in PyTorch layout, prepared once per model. */
    interface Filters {
        /** The filter of const node {@code input} converted by {@code convert} (cached under {@code kind}). */
        NDArray prepared(String input, String kind, Function<NDArray, NDArray> convert);
    }

    private GraphOps() {
    }

    /** Runs {@code node} on its inputs; returns its outputs (one, or two for TopKV2). */
    static LayoutArray[] run(GraphNode node, List<LayoutArray> in, Filters filters) {
        return switch (node.op()) {
            case "Identity" -> new LayoutArray[] {in.get(0)};
            case "Conv2D", "_FusedConv2D" -> one(conv(node, in, filters, false));
            case "DepthwiseConv2dNative", "FusedDepthwiseConv2dNative" -> one(conv(node, in, filters, true));
            case "Conv2DBackpropInput" -> one(convTranspose(node, in, filters));
            case "MaxPool", "AvgPool" -> one(pool(node, in.get(0)));
            case "ResizeBilinear" -> one(resizeBilinear(node, in.get(0), ints(in.get(1))));
            case "Pad" -> one(pad(in.get(0), ints(in.get(1))));
            case "Relu", "Relu6", "Sigmoid", "Tanh", "Elu", "LeakyRelu" ->
                    one(new LayoutArray(activation(node.op(), in.get(0).array(), node.real("alpha", 0.2f)), in.get(0).nchw()));
            case "Add", "AddV2", "BiasAdd", "Sub", "Mul", "RealDiv", "Div", "Maximum", "Minimum", "FloorDiv", "FloorMod",
                    "Equal", "Greater", "Less" -> one(binary(node.op(), in.get(0), in.get(1)));
            case "AddN" -> one(addN(in));
            case "Cast" -> one(new LayoutArray(in.get(0).array().toType(dataType(node.type("DstT", "DT_FLOAT"), node), false), in.get(0).nchw()));
            case "Mean", "Sum", "Max" -> one(reduce(node, in.get(0), ints(in.get(1))));
            case "Reshape" -> one(LayoutArray.plain(in.get(0).tf().reshape(new Shape(longs(ints(in.get(1)))))));
            case "ExpandDims" -> {
                NDArray x = in.get(0).tf();
                int axis = ints(in.get(1))[0];
                yield one(LayoutArray.plain(x.expandDims(axis < 0 ? axis + x.getShape().dimension() + 1 : axis)));
            }
            case "Squeeze" -> one(squeeze(in.get(0).tf(), node.ints("squeeze_dims")));
            case "ConcatV2" -> one(concat(in));
            case "StridedSlice" -> one(stridedSlice(node, in));
            case "GatherV2" -> one(gather(in.get(0).tf(), in.get(1).tf(), ints(in.get(2))[0], node));
            case "TopKV2" -> topK(node, in.get(0).tf(), ints(in.get(1))[0]);
            default -> throw new IllegalStateException("op " + node.op() + " has no implementation");
        };
    }

    private static LayoutArray[] one(LayoutArray a) {
        return new LayoutArray[] {a};
    }

    /** The int values of a small tensor (shapes, axes, sizes). */
    static int[] ints(LayoutArray a) {
        NDArray t = a.tf();
        return t.getDataType() == DataType.INT32 ? t.toIntArray() : t.toType(DataType.INT32, false).toIntArray();
    }

    private static long[] longs(int[] v) {
        long[] l = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            l[i] = v[i];
        }
        return l;
    }

    /** TensorFlow's padding of one spatial dimension: {before, after, output size}. */
    static int[] padding(String mode, int in, int k, int stride, int dilation, long[] explicit, int dim) {
        int ke = (k - 1) * dilation + 1;
        return switch (mode) {
            case "VALID" -> new int[] {0, 0, (in - ke) / stride + 1};
            case "SAME" -> {
                int out = (in + stride - 1) / stride;
                int total = Math.max((out - 1) * stride + ke - in, 0);
                yield new int[] {total / 2, total - total / 2, out};
            }
            case "EXPLICIT" -> {
                int b = (int) explicit[2 * dim], a = (int) explicit[2 * dim + 1];
                yield new int[] {b, a, (in + b + a - ke) / stride + 1};
            }
            default -> throw new IllegalArgumentException("padding '" + mode + "' is not supported");
        };
    }

    private static void requireNhwc(GraphNode node) {
        String f = node.string("data_format", "NHWC");
        if (!f.equals("NHWC")) {
            throw new IllegalArgumentException("node " + node.name() + " (" + node.op() + "): data_format " + f + " is not supported (NHWC only)");
        }
    }

    /** Pads an NCHW array spatially by {top, bottom, left, right} with {@code value}. */
    private static NDArray padSpatial(NDArray x, int[] ph, int[] pw, double value) {
        if (ph[0] == 0 && ph[1] == 0 && pw[0] == 0 && pw[1] == 0) {
            return x;
        }
        return x.pad(new Shape(pw[0], pw[1], ph[0], ph[1]), value);
    }

    /** Conv2D / DepthwiseConv2dNative and their fused forms (bias, then relu / relu6 / sigmoid / elu / leakyrelu). */
    private static LayoutArray conv(GraphNode node, List<LayoutArray> in, Filters filters, boolean depthwise) {
        requireNhwc(node);
        NDArray x = in.get(0).toNchw();
        long[] strides = node.ints("strides");
        long[] dil = node.ints("dilations");
        int sh = strides.length == 4 ? (int) strides[1] : 1, sw = strides.length == 4 ? (int) strides[2] : 1;
        int dh = dil.length == 4 ? (int) dil[1] : 1, dw = dil.length == 4 ? (int) dil[2] : 1;
        String filterName = node.inputs().get(1);
        NDArray w = depthwise
                ? filters.prepared(filterName, "depthwise", f -> {
                    Shape s = f.getShape(); // H W C M -> C*M 1 H W
                    return f.transpose(2, 3, 0, 1).reshape(s.get(2) * s.get(3), 1, s.get(0), s.get(1));
                })
                : filters.prepared(filterName, "conv", f -> f.transpose(3, 2, 0, 1)); // H W I O -> O I H W
        Shape ws = w.getShape();
        Shape xs = x.getShape();
        int[] ph = padding(node.string("padding", "VALID"), (int) xs.get(2), (int) ws.get(2), sh, dh, node.ints("explicit_paddings"), 1);
        int[] pw = padding(node.string("padding", "VALID"), (int) xs.get(3), (int) ws.get(3), sw, dw, node.ints("explicit_paddings"), 2);
        Shape pad = new Shape(0, 0);
        if (ph[0] == ph[1] && pw[0] == pw[1]) {
            pad = new Shape(ph[0], pw[0]);
        } else {
            x = padSpatial(x, ph, pw, 0);
        }
        List<String> fused = node.strings("fused_ops");
        NDArray bias = null;
        if (!fused.isEmpty()) {
            if (!fused.get(0).equals("BiasAdd") || node.integer("num_args", 1) != 1) {
                throw new IllegalArgumentException("node " + node.name() + " (" + node.op() + "): fused ops " + fused + " are not supported (BiasAdd + activation only)");
            }
            bias = in.get(2).tf();
        }
        int groups = depthwise ? (int) xs.get(1) : 1;
        NDArray y = Conv2d.conv2d(x, w, bias, new Shape(sh, sw), pad, new Shape(dh, dw), groups).singletonOrThrow();
        if (fused.size() > 1) {
            y = activation(fused.get(1), y, node.real("leakyrelu_alpha", 0.2f));
        }
        return LayoutArray.ofNchw(y);
    }

    /**
     * Conv2DBackpropInput: the transposed convolution whose forward conv (same attributes) maps the
     * output size to the input's. Computed as a plain convolution (libtorch's transposed one is not
     * exposed by DJL): zeros inserted between input pixels (stride − 1 per gap), k − 1 zeros around,
     * the filter flipped spatially; the full result is then cropped to TensorFlow's padding.
     */
    private static LayoutArray convTranspose(GraphNode node, List<LayoutArray> in, Filters filters) {
        requireNhwc(node);
        int[] outSize = ints(in.get(0)); // N H W C
        // H W O I -> O I H W, flipped in H and W
        NDArray w = filters.prepared(node.inputs().get(1), "transpose", f -> f.transpose(2, 3, 0, 1).flip(2, 3));
        NDArray x = in.get(2).toNchw();
        long[] strides = node.ints("strides");
        int sh = (int) strides[1], sw = (int) strides[2];
        int kh = (int) w.getShape().get(2), kw = (int) w.getShape().get(3);
        int[] ph = padding(node.string("padding", "VALID"), outSize[1], kh, sh, 1, node.ints("explicit_paddings"), 1);
        int[] pw = padding(node.string("padding", "VALID"), outSize[2], kw, sw, 1, node.ints("explicit_paddings"), 2);
        Shape xs = x.getShape();
        long n = xs.get(0), c = xs.get(1), h = xs.get(2), wd = xs.get(3);
        NDArray spread = x.reshape(n, c, h, 1, wd, 1).pad(new Shape(0, sw - 1, 0, 0, 0, sh - 1), 0)
                .reshape(n, c, h * sh, wd * sw)
                .get(new NDIndex(":, :, 0:{}, 0:{}", (h - 1) * sh + 1, (wd - 1) * sw + 1));
        NDArray full = Conv2d.conv2d(spread, w, null, new Shape(1, 1), new Shape(kh - 1, kw - 1), new Shape(1, 1), 1).singletonOrThrow();
        long fh = full.getShape().get(2), fw = full.getShape().get(3);
        long needH = ph[0] + outSize[1], needW = pw[0] + outSize[2];
        if (fh < needH || fw < needW) {
            full = full.pad(new Shape(0, Math.max(0, needW - fw), 0, Math.max(0, needH - fh)), 0);
        }
        return LayoutArray.ofNchw(full.get(new NDIndex(":, :, {}:{}, {}:{}", ph[0], needH, pw[0], needW)));
    }

    private static LayoutArray pool(GraphNode node, LayoutArray in) {
        requireNhwc(node);
        NDArray x = in.toNchw();
        long[] k = node.ints("ksize"), s = node.ints("strides");
        Shape xs = x.getShape();
        int[] ph = padding(node.string("padding", "VALID"), (int) xs.get(2), (int) k[1], (int) s[1], 1, node.ints("explicit_paddings"), 1);
        int[] pw = padding(node.string("padding", "VALID"), (int) xs.get(3), (int) k[2], (int) s[2], 1, node.ints("explicit_paddings"), 2);
        Shape kernel = new Shape(k[1], k[2]), stride = new Shape(s[1], s[2]);
        NDArray y;
        if (node.op().equals("MaxPool")) {
            NDArray padded = padSpatial(x, ph, pw, Double.NEGATIVE_INFINITY); // TensorFlow's padding never wins a max
            y = s[1] == 1 && s[2] == 1 ? separableMax(padded, (int) k[1], (int) k[2])
                    : Pool.maxPool2d(padded, kernel, stride, new Shape(0, 0), false);
        } else if (ph[0] == ph[1] && pw[0] == pw[1]) {
            // TensorFlow averages over the window's pixels inside the image only
            y = Pool.avgPool2d(x, kernel, stride, new Shape(ph[0], pw[0]), false, false);
        } else {
            NDArray ones = x.onesLike().get(new NDIndex("0:1, 0:1"));
            NDArray sum = Pool.avgPool2d(padSpatial(x, ph, pw, 0), kernel, stride, new Shape(0, 0), false, true);
            NDArray count = Pool.avgPool2d(padSpatial(ones, ph, pw, 0), kernel, stride, new Shape(0, 0), false, true);
            y = sum.div(count);
        }
        return LayoutArray.ofNchw(y);
    }

    /** Stride-1 max pooling of an NCHW array as a max over shifted views, rows then columns (exact; faster than libtorch's pooling here). */
    private static NDArray separableMax(NDArray x, int kh, int kw) {
        long h = x.getShape().get(2) - kh + 1, w = x.getShape().get(3) - kw + 1;
        NDArray cols = x.get(new NDIndex(":, :, :, 0:{}", w));
        for (int j = 1; j < kw; j++) {
            cols = cols.maximum(x.get(new NDIndex(":, :, :, {}:{}", j, j + w)));
        }
        NDArray out = cols.get(new NDIndex(":, :, 0:{}, :", h));
        for (int i = 1; i < kh; i++) {
            out = out.maximum(cols.get(new NDIndex(":, :, {}:{}, :", i, i + h)));
        }
        return out;
    }

    /**
     * ResizeBilinear with TensorFlow's sampling: source coordinate {@code (o + ½)·r − ½} with half-pixel
     * centres, else {@code o·r}, r = in/out ({@code (in−1)/(out−1)} with align_corners); neighbours
     * clamped to the image. Applied as two interpolation matrices, rows then columns.
     */
    private static LayoutArray resizeBilinear(GraphNode node, LayoutArray in, int[] size) {
        NDArray x = in.toNchw();
        boolean align = node.bool("align_corners", false), half = node.bool("half_pixel_centers", false);
        int h = (int) x.getShape().get(2), w = (int) x.getShape().get(3);
        NDArray ry = x.getManager().create(interpolation(h, size[0], align, half), new Shape(size[0], h));
        NDArray rxT = x.getManager().create(interpolation(w, size[1], align, half), new Shape(size[1], w)).transpose();
        return LayoutArray.ofNchw(ry.matMul(x).matMul(rxT));
    }

    /** The {@code out × in} matrix of TensorFlow's 1-D bilinear resampling. */
    static float[] interpolation(int in, int out, boolean alignCorners, boolean halfPixel) {
        float scale = alignCorners && out > 1 ? (in - 1f) / (out - 1f) : (float) in / out;
        float[] m = new float[out * in];
        for (int o = 0; o < out; o++) {
            float src = halfPixel ? (o + 0.5f) * scale - 0.5f : o * scale;
            int lo = (int) Math.floor(src);
            float frac = src - lo;
            int a = Math.min(Math.max(lo, 0), in - 1), b = Math.min(Math.max(lo + 1, 0), in - 1);
            m[o * in + a] += 1 - frac;
            m[o * in + b] += frac;
        }
        return m;
    }

    private static LayoutArray pad(LayoutArray in, int[] p) {
        int rank = in.rank();
        if (p.length != 2 * rank) {
            throw new IllegalArgumentException("Pad: paddings of " + p.length / 2 + " dimensions for a rank-" + rank + " tensor");
        }
        long[] torch = new long[2 * rank]; // last physical dimension first
        for (int tfAxis = 0; tfAxis < rank; tfAxis++) {
            int axis = in.nchw() ? LayoutArray.NHWC_TO_NCHW_AXIS[tfAxis] : tfAxis;
            torch[2 * (rank - 1 - axis)] = p[2 * tfAxis];
            torch[2 * (rank - 1 - axis) + 1] = p[2 * tfAxis + 1];
        }
        return new LayoutArray(in.array().pad(new Shape(torch), 0), in.nchw());
    }

    static NDArray activation(String op, NDArray x, float alpha) {
        return switch (op) {
            case "Relu" -> Activation.relu(x);
            case "Relu6" -> Activation.relu6(x);
            case "Sigmoid" -> Activation.sigmoid(x);
            case "Tanh" -> Activation.tanh(x);
            case "Elu" -> Activation.elu(x, 1f);
            case "LeakyRelu" -> Activation.leakyRelu(x, alpha);
            default -> throw new IllegalArgumentException("activation " + op + " is not supported");
        };
    }

    /** Both operands in one layout: NCHW when either is an NCHW image tensor (the other broadcast into it). */
    private static NDArray[] aligned(LayoutArray a, LayoutArray b) {
        if (a.nchw() == b.nchw()) {
            return new NDArray[] {a.array(), b.array()};
        }
        LayoutArray img = a.nchw() ? a : b, other = a.nchw() ? b : a;
        NDArray o = other.array();
        if (o.getShape().dimension() > 4) {
            NDArray[] r = {img.tf(), o};
            return a.nchw() ? r : new NDArray[] {r[1], r[0]};
        }
        if (o.getShape().size() != 1) {
            long[] s = new long[4];
            Arrays.fill(s, 1);
            long[] os = o.getShape().getShape();
            System.arraycopy(os, 0, s, 4 - os.length, os.length);
            o = o.reshape(new Shape(s)).transpose(0, 3, 1, 2);
        }
        return a.nchw() ? new NDArray[] {img.array(), o} : new NDArray[] {o, img.array()};
    }

    private static LayoutArray binary(String op, LayoutArray a, LayoutArray b) {
        boolean nchw = (a.nchw() || b.nchw()) && (a.nchw() ? b : a).rank() <= 4;
        NDArray[] x = aligned(a, b);
        NDArray l = x[0], r = x[1];
        NDArray y = switch (op) {
            case "Add", "AddV2", "BiasAdd" -> l.add(r);
            case "Sub" -> l.sub(r);
            case "Mul" -> l.mul(r);
            case "RealDiv", "Div" -> l.div(r);
            case "Maximum" -> l.maximum(r);
            case "Minimum" -> l.minimum(r);
            case "FloorDiv" -> floorDiv(l, r);
            case "FloorMod" -> l.sub(floorDiv(l, r).mul(r));
            case "Equal" -> l.eq(r);
            case "Greater" -> l.gt(r);
            case "Less" -> l.lt(r);
            default -> throw new IllegalArgumentException(op);
        };
        return new LayoutArray(y, nchw);
    }

    private static NDArray floorDiv(NDArray l, NDArray r) {
        DataType t = l.getDataType();
        NDArray q = l.toType(DataType.FLOAT64, false).div(r.toType(DataType.FLOAT64, false)).floor();
        return q.toType(t, false);
    }

    private static LayoutArray addN(List<LayoutArray> in) {
        LayoutArray acc = in.get(0);
        for (int i = 1; i < in.size(); i++) {
            acc = binary("Add", acc, in.get(i));
        }
        return acc;
    }

    static DataType dataType(String tfType, GraphNode node) {
        return switch (tfType) {
            case "DT_FLOAT" -> DataType.FLOAT32;
            case "DT_INT32" -> DataType.INT32;
            case "DT_BOOL" -> DataType.BOOLEAN;
            default -> throw new IllegalArgumentException("node " + node.name() + ": type " + tfType + " is not supported");
        };
    }

    private static LayoutArray reduce(GraphNode node, LayoutArray in, int[] axesIn) {
        boolean keep = node.bool("keep_dims", false);
        boolean nchw = in.nchw() && keep;
        NDArray x = nchw ? in.array() : in.tf();
        int rank = x.getShape().dimension();
        int[] axes = new int[axesIn.length];
        long count = 1;
        for (int i = 0; i < axes.length; i++) {
            int a = axesIn[i] < 0 ? axesIn[i] + rank : axesIn[i];
            axes[i] = nchw ? LayoutArray.NHWC_TO_NCHW_AXIS[a] : a;
            count *= x.getShape().get(axes[i]);
        }
        NDArray y = switch (node.op()) {
            case "Mean" -> x.sum(axes, keep).div(count);
            case "Sum" -> x.sum(axes, keep);
            default -> x.max(axes, keep);
        };
        return new LayoutArray(y, nchw);
    }

    private static LayoutArray squeeze(NDArray x, long[] dims) {
        if (dims.length == 0) {
            return LayoutArray.plain(x.squeeze());
        }
        int rank = x.getShape().dimension();
        int[] axes = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            axes[i] = (int) (dims[i] < 0 ? dims[i] + rank : dims[i]);
        }
        return LayoutArray.plain(x.squeeze(axes));
    }

    private static LayoutArray concat(List<LayoutArray> in) {
        int n = in.size() - 1;
        int axis = ints(in.get(n))[0];
        int rank = in.get(0).rank();
        axis = axis < 0 ? axis + rank : axis;
        boolean nchw = rank == 4 && in.subList(0, n).stream().anyMatch(LayoutArray::nchw);
        NDList parts = new NDList();
        for (int i = 0; i < n; i++) {
            parts.add(nchw ? in.get(i).toNchw() : in.get(i).tf());
        }
        NDArray y = NDArrays.concat(parts, nchw ? LayoutArray.NHWC_TO_NCHW_AXIS[axis] : axis);
        return new LayoutArray(y, nchw);
    }

    /** StridedSlice with begin / end / shrink-axis masks and positive strides (no ellipsis or new-axis masks). */
    private static LayoutArray stridedSlice(GraphNode node, List<LayoutArray> in) {
        if (node.integer("ellipsis_mask", 0) != 0 || node.integer("new_axis_mask", 0) != 0) {
            throw new IllegalArgumentException("node " + node.name() + ": StridedSlice with ellipsis or new-axis masks is not supported");
        }
        NDArray x = in.get(0).tf();
        int[] begin = ints(in.get(1)), end = ints(in.get(2)), strides = ints(in.get(3));
        long bm = node.integer("begin_mask", 0), em = node.integer("end_mask", 0), sm = node.integer("shrink_axis_mask", 0);
        NDIndex idx = new NDIndex();
        for (int i = 0; i < begin.length; i++) {
            long dim = x.getShape().get(i);
            if ((sm >> i & 1) != 0) {
                idx.addIndices(begin[i] < 0 ? begin[i] + dim : begin[i]);
                continue;
            }
            if (strides[i] <= 0) {
                throw new IllegalArgumentException("node " + node.name() + ": StridedSlice with stride " + strides[i] + " is not supported");
            }
            long b = (bm >> i & 1) != 0 ? 0 : clampIndex(begin[i], dim);
            long e = (em >> i & 1) != 0 ? dim : clampIndex(end[i], dim);
            idx.addSliceDim(b, Math.max(b, e), strides[i]);
        }
        return LayoutArray.plain(x.get(idx));
    }

    private static long clampIndex(long i, long dim) {
        return Math.min(Math.max(i < 0 ? i + dim : i, 0), dim);
    }

    /** GatherV2 (batch_dims 0): {@code params[..., indices, ...]} along {@code axis}; result shape params[:axis] + indices + params[axis+1:]. */
    private static LayoutArray gather(NDArray params, NDArray indices, int axis, GraphNode node) {
        if (node.integer("batch_dims", 0) != 0) {
            throw new IllegalArgumentException("node " + node.name() + ": GatherV2 with batch_dims is not supported");
        }
        int rank = params.getShape().dimension();
        axis = axis < 0 ? axis + rank : axis;
        int[] toFront = new int[rank];
        toFront[0] = axis;
        for (int d = 0, k = 1; d < rank; d++) {
            if (d != axis) {
                toFront[k++] = d;
            }
        }
        NDArray p = axis == 0 ? params : params.transpose(toFront);
        NDArray g = p.get(new NDIndex("{}", indices.flatten().toType(DataType.INT64, false)));
        long[] is = indices.getShape().getShape();
        long[] ps = p.getShape().getShape();
        long[] shape = new long[is.length + rank - 1];
        System.arraycopy(is, 0, shape, 0, is.length);
        System.arraycopy(ps, 1, shape, is.length, rank - 1);
        g = g.reshape(new Shape(shape));
        if (axis == 0) {
            return LayoutArray.plain(g);
        }
        int[] back = new int[shape.length];
        int k = 0;
        for (int d = 0; d < axis; d++) {
            back[k++] = is.length + d;
        }
        for (int d = 0; d < is.length; d++) {
            back[k++] = d;
        }
        for (int d = axis; d < rank - 1; d++) {
            back[k++] = is.length + d;
        }
        return LayoutArray.plain(g.transpose(back));
    }

    /** TopKV2 over the last axis: values and int32 indices, largest first. */
    private static LayoutArray[] topK(GraphNode node, NDArray x, int k) {
        NDList r = x.topK(k, -1, true, true);
        return new LayoutArray[] {LayoutArray.plain(r.get(0)), LayoutArray.plain(r.get(1).toType(DataType.INT32, false))};
    }

    /** For messages: the supported ops as one comma-separated list. */
    static String supportedList() {
        List<String> l = new ArrayList<>(SUPPORTED);
        return String.join(", ", l);
    }
}
