package dev.sieve.nn.detect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.sieve.image.Planar;
import dev.sieve.image.Resample;
import dev.sieve.nn.NnRuntime;
import dev.sieve.nn.tfjs.TfjsGraphModel;
import dev.sieve.nn.tfjs.TfjsModelException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A detector whose network is a TF.js graph with one NHWC image input of one size: the whole
 * image is stretched to that size (area average down, bilinear up, as {@link Resample}) and its
 * 0..255 values mapped to {@code v × scale + offset}.
 */
abstract class GraphDetector implements Detector {
    private final TfjsGraphModel model;
    private final String input;
    private final int size;
    private final float scale;
    private final float offset;
    private final List<String> outputs;

    GraphDetector(Path json, int size, float scale, float offset, List<String> outputs) throws IOException {
        this(json, TfjsGraphModel.ResizeTargets.STORED, size, scale, offset, outputs);
    }

    /** A detector whose graph resizes as {@code resize} says ({@link TfjsGraphModel.ResizeTargets}). */
    GraphDetector(Path json, TfjsGraphModel.ResizeTargets resize, int size, float scale, float offset, List<String> outputs) throws IOException {
        this.model = TfjsGraphModel.load(json, resize);
        if (model.inputs().size() != 1) {
            model.close();
            throw new TfjsModelException(json + ": expected one input, the graph has " + model.inputs());
        }
        this.input = model.inputs().get(0);
        this.size = size;
        this.scale = scale;
        this.offset = offset;
        this.outputs = outputs;
    }

    /** The network's input side in pixels. */
    int size() {
        return size;
    }

    /** The graph outputs read, in the order {@link #run} returns them. */
    List<String> outputs() {
        return outputs;
    }

    /** The network input for {@code rgb}: 1 × size × size × 3, row-major NHWC. */
    float[] input(Planar rgb) {
        if (rgb.channels() != 1 && rgb.channels() != 3) {
            throw new IllegalArgumentException(name() + ": needs a gray or RGB image, got " + rgb.channels() + " channels");
        }
        float[][] p = new float[3][];
        IntStream.range(0, rgb.channels()).parallel()
                .forEach(c -> p[c] = Resample.resize(rgb.plane(c), rgb.width(), rgb.height(), size, size));
        for (int c = rgb.channels(); c < 3; c++) {
            p[c] = p[0];
        }
        float[] x = new float[size * size * 3];
        for (int i = 0, n = size * size; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                x[3 * i + c] = p[c][i] * scale + offset;
            }
        }
        return x;
    }

    /** Runs the network on {@code input} (from {@link #input}); the values of {@link #outputs}, row-major. */
    float[][] run(float[] input) {
        return run(input, outputs);
    }

    /** Runs the network on {@code input}; the values of graph outputs {@code names}, row-major. */
    float[][] run(float[] input, List<String> names) {
        try (NDManager m = NnRuntime.engine().newBaseManager()) {
            NDArray x = m.create(input, new Shape(1, size, size, 3));
            NDList out = model.execute(Map.of(this.input, x), names, m);
            float[][] r = new float[out.size()][];
            for (int k = 0; k < r.length; k++) {
                r[k] = out.get(k).toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
            }
            return r;
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
