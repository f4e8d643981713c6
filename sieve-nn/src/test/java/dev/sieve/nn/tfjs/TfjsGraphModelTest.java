package dev.sieve.nn.tfjs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.sieve.nn.NnRuntime;
import dev.sieve.nn.model.Safetensors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime on small graph models the tests write in TF.js's format: float16 / uint8 dequantization,
 * TensorFlow's SAME padding of a strided convolution against a direct loop, and one clear error per
 * bad file. The real models are checked against TF.js itself in {@code TfjsParityTest}.
 */
class TfjsGraphModelTest {
    @TempDir
    Path dir;

    @Test
    void float16DecodesExactly() {
        assertThat(half(0x3c00)).isEqualTo(1f);
        assertThat(half(0xc000)).isEqualTo(-2f);
        assertThat(half(0x7bff)).isEqualTo(65504f);
        assertThat(half(0x3555)).isEqualTo(0.333251953125f);
        assertThat(half(0x0001)).isEqualTo(0x1p-24f);
        assertThat(half(0x03ff)).isEqualTo(1023 * 0x1p-24f);
        assertThat(half(0x8000)).isEqualTo(-0f);
        assertThat(half(0x7c00)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(half(0xfc00)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(half(0x7e00)).isNaN();
    }

    @Test
    void bilinearInterpolationMatricesFollowTensorFlowsSampling() {
        assertThat(GraphOps.interpolation(2, 4, false, true)).containsExactly(1, 0, 0.75f, 0.25f, 0.25f, 0.75f, 0, 1);
        assertThat(GraphOps.interpolation(2, 4, false, false)).containsExactly(1, 0, 0.5f, 0.5f, 0, 1, 0, 1);
        assertThat(GraphOps.interpolation(3, 2, true, false)).containsExactly(1, 0, 0, 0, 0, 1);
    }

    @Test
    void samePaddingOfAStridedConvolutionSplitsAsTensorFlowDoes() {
        // in 5, kernel 3, stride 2: out 3, total padding 2, one before and one after; in 4: total 1, none before
        assertThat(GraphOps.padding("SAME", 5, 3, 2, 1, new long[0], 1)).containsExactly(1, 1, 3);
        assertThat(GraphOps.padding("SAME", 4, 3, 2, 1, new long[0], 1)).containsExactly(0, 1, 2);
        assertThat(GraphOps.padding("VALID", 5, 3, 2, 1, new long[0], 1)).containsExactly(0, 0, 2);
    }

    /** x (1×4×4×2) → Conv2D SAME stride 2 with a float16 filter (3×3×2×3) → BiasAdd (uint8-quantized) → Relu6, against a direct loop. */
    @Test
    void quantizedConvGraphMatchesADirectComputation() throws IOException {
        float[] w = new float[3 * 3 * 2 * 3];
        for (int i = 0; i < w.length; i++) {
            w[i] = half(halfOf((i % 7 - 3) * 0.25f));
        }
        float[] bias = {0.5f, -1f, 2f}; // uint8: min -1, scale 0.5 → q = 3, 0, 6
        writeModel("conv", """
                {"op":"Placeholder","name":"x","attr":{"dtype":{"type":"DT_FLOAT"}}},
                {"op":"Const","name":"w"}, {"op":"Const","name":"b"},
                {"op":"Conv2D","name":"c","input":["x","w"],"attr":{"padding":{"s":"%s"},"strides":{"list":{"i":["1","2","2","1"]}},
                  "data_format":{"s":"%s"}}},
                {"op":"BiasAdd","name":"a","input":["c","b"]},
                {"op":"Relu6","name":"y","input":["a"]}
                """.formatted(b64("SAME"), b64("NHWC")),
                """
                {"name":"w","shape":[3,3,2,3],"dtype":"float32","quantization":{"dtype":"float16","original_dtype":"float32"}},
                {"name":"b","shape":[3],"dtype":"float32","quantization":{"dtype":"uint8","min":-1.0,"scale":0.5,"original_dtype":"float32"}}
                """, halves(w), new byte[] {3, 0, 6});
        float[] x = new float[32];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i * 0.7) * 3;
        }
        float[] expected = new float[2 * 2 * 3];
        for (int oy = 0; oy < 2; oy++) {
            for (int ox = 0; ox < 2; ox++) {
                for (int o = 0; o < 3; o++) {
                    double s = bias[o];
                    for (int ky = 0; ky < 3; ky++) {
                        for (int kx = 0; kx < 3; kx++) {
                            int iy = 2 * oy + ky, ix = 2 * ox + kx; // SAME, in 4, stride 2: no padding before
                            if (iy >= 4 || ix >= 4) {
                                continue;
                            }
                            for (int c = 0; c < 2; c++) {
                                s += x[(iy * 4 + ix) * 2 + c] * w[((ky * 3 + kx) * 2 + c) * 3 + o];
                            }
                        }
                    }
                    expected[(oy * 2 + ox) * 3 + o] = (float) Math.min(6, Math.max(0, s));
                }
            }
        }
        try (TfjsGraphModel m = TfjsGraphModel.load(dir.resolve("conv.json"));
             NDManager nd = NnRuntime.engine().newBaseManager()) {
            assertThat(m.inputs()).containsExactly("x");
            assertThat(m.ops()).containsExactly("BiasAdd", "Const", "Conv2D", "Placeholder", "Relu6");
            NDList out = m.execute(Map.of("x", nd.create(x, new Shape(1, 4, 4, 2))), List.of("y"), nd);
            NDArray y = out.singletonOrThrow();
            assertThat(y.getShape()).isEqualTo(new Shape(1, 2, 2, 3));
            float[] got = y.toFloatArray();
            for (int i = 0; i < expected.length; i++) {
                assertThat(got[i]).as("output " + i).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
    }

    /**
     * x (declared 1×8×8×1) → 2×2 max pool → ResizeBilinear to a stored [8, 8] → + x. Following the input, at 12×12 the
     * resize targets 12×12, as the same graph converted at 12×12 stores it; as stored, 12×12 cannot run.
     */
    @Test
    void resizeTargetsFollowTheInputWhenAsked() throws IOException {
        writeUpsampling("up8", 8);
        writeUpsampling("up12", 12);
        float[] x = new float[144];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.cos(i * 0.37);
        }
        try (TfjsGraphModel following = TfjsGraphModel.load(dir.resolve("up8.json"), TfjsGraphModel.ResizeTargets.FOLLOW_INPUT);
             TfjsGraphModel stored = TfjsGraphModel.load(dir.resolve("up8.json"));
             TfjsGraphModel converted12 = TfjsGraphModel.load(dir.resolve("up12.json"));
             NDManager nd = NnRuntime.engine().newBaseManager()) {
            NDArray in12 = nd.create(x, new Shape(1, 12, 12, 1));
            NDArray got = following.execute(Map.of("x", in12), List.of("y"), nd).singletonOrThrow();
            NDArray want = converted12.execute(Map.of("x", in12), List.of("y"), nd).singletonOrThrow();
            assertThat(got.getShape()).isEqualTo(new Shape(1, 12, 12, 1));
            assertThat(got.toFloatArray()).containsExactly(want.toFloatArray());
            NDArray in8 = nd.create(java.util.Arrays.copyOf(x, 64), new Shape(1, 8, 8, 1));
            assertThat(following.execute(Map.of("x", in8), List.of("y"), nd).singletonOrThrow().toFloatArray())
                    .containsExactly(stored.execute(Map.of("x", in8), List.of("y"), nd).singletonOrThrow().toFloatArray());
            assertThatThrownBy(() -> stored.execute(Map.of("x", in12), List.of("y"), nd)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void resizeTargetsCannotFollowAnInputOfUnknownSize() throws IOException {
        writeUpsampling("unknown", -1);
        Path json = dir.resolve("unknown.json");
        assertThatThrownBy(() -> TfjsGraphModel.load(json, TfjsGraphModel.ResizeTargets.FOLLOW_INPUT)).isInstanceOf(TfjsModelException.class)
                .hasMessage(json + ": ResizeBilinear node r: the size of its input at the declared input shape cannot be derived,"
                        + " so its target cannot follow the input");
    }

    /** The graph of {@link #resizeTargetsFollowTheInputWhenAsked} converted at input side {@code side} (−1: unknown, target 8). */
    private void writeUpsampling(String name, int side) throws IOException {
        String dims = "{\"size\":\"1\"},{\"size\":\"%d\"},{\"size\":\"%d\"},{\"size\":\"1\"}".formatted(side, side);
        int target = side < 0 ? 8 : side;
        ByteBuffer size = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(target).putInt(target);
        writeModel(name, """
                {"op":"Placeholder","name":"x","attr":{"dtype":{"type":"DT_FLOAT"},"shape":{"shape":{"dim":[%s]}}}},
                {"op":"MaxPool","name":"p","input":["x"],"attr":{"padding":{"s":"%s"},"ksize":{"list":{"i":["1","2","2","1"]}},
                  "strides":{"list":{"i":["1","2","2","1"]}}}},
                {"op":"Const","name":"size"},
                {"op":"ResizeBilinear","name":"r","input":["p","size"]},
                {"op":"Add","name":"y","input":["r","x"]}
                """.formatted(dims, b64("VALID")), """
                {"name":"size","shape":[2],"dtype":"int32"}
                """, size.array());
    }

    @Test
    void unknownOpIsNamedWithTheModel() throws IOException {
        writeModel("odd", """
                {"op":"Placeholder","name":"x"}, {"op":"Einsum","name":"e","input":["x","x"]}
                """, "", new byte[0]);
        Path json = dir.resolve("odd.json");
        assertThatThrownBy(() -> TfjsGraphModel.load(json)).isInstanceOf(TfjsModelException.class)
                .hasMessageStartingWith(json + ": op 'Einsum' (node e) is not supported by Sieve's TF.js runtime (supported: ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void badFilesGetOneClearLine() throws IOException {
        writeModel("short", """
                {"op":"Placeholder","name":"x"}, {"op":"Const","name":"w"}, {"op":"Mul","name":"y","input":["x","w"]}
                """, """
                {"name":"w","shape":[4],"dtype":"float32"}
                """, new byte[8]);
        Path json = dir.resolve("short.json");
        assertThatThrownBy(() -> TfjsGraphModel.load(json)).hasMessage(json + ": weight shards end inside weight w (truncated .bin file?)");
        Files.delete(dir.resolve("short.bin"));
        assertThatThrownBy(() -> TfjsGraphModel.load(json)).hasMessage(json + ": weight shard " + dir.toAbsolutePath().resolve("short.bin") + " is missing");
        Path notJson = dir.resolve("text.json");
        Files.writeString(notJson, "<html>not found</html>");
        assertThatThrownBy(() -> TfjsGraphModel.load(notJson)).isInstanceOf(TfjsModelException.class).hasMessageStartingWith(notJson + ": not a JSON file");
        Path layers = dir.resolve("layers.json");
        Files.writeString(layers, "{\"format\":\"layers-model\",\"modelTopology\":{}}");
        assertThatThrownBy(() -> TfjsGraphModel.load(layers)).hasMessageStartingWith(layers + ": not a TF.js graph model (format 'layers-model'");
        assertThatThrownBy(() -> TfjsGraphModel.load(dir.resolve("none.json"))).hasMessage(dir.resolve("none.json") + ": no such file");
    }

    private void writeModel(String name, String nodes, String weights, byte[]... shards) throws IOException {
        String json = """
                {"format":"graph-model","modelTopology":{"node":[%s]},
                 "weightsManifest":[{"paths":["%s.bin"],"weights":[%s]}]}
                """.formatted(nodes, name, weights);
        Files.writeString(dir.resolve(name + ".json"), json);
        int n = 0;
        for (byte[] s : shards) {
            n += s.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] s : shards) {
            b.put(s);
        }
        Files.write(dir.resolve(name + ".bin"), b.array());
    }

    private static float half(int bits) {
        return Safetensors.halfToFloat((short) bits);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** The half nearest {@code v} for the small multiples of 1/4 used here (exact in binary16). */
    private static int halfOf(float v) {
        if (v == 0) {
            return 0;
        }
        int bits = Float.floatToIntBits(v);
        int sign = (bits >>> 16) & 0x8000, exp = ((bits >>> 23) & 0xff) - 127 + 15, mant = (bits >>> 13) & 0x3ff;
        return sign | (exp << 10) | mant;
    }

    private static byte[] halves(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(2 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putShort((short) halfOf(f));
        }
        return b.array();
    }
}
