package dev.sieve.nn.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sieve.image.Planar;
import dev.sieve.nn.data.Normalization;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sieve against real PyTorch: a torchvision ResNet-18 (random weights, non-trivial batch-norm
 * statistics) exported by {@code src/test/python/torch_reference.py} as a safetensors state dict
 * and as TorchScript must give PyTorch's logits in Sieve's architecture and through DJL.
 */
class TorchParityTest {
    @TempDir
    static Path dir;
    static List<Planar> images;
    static float[] expected;
    static final InputSpec SPEC = new InputSpec(3, 64, 64, Normalization.IMAGENET);
    static final List<String> CLASSES = IntStream.range(0, 10).mapToObj(i -> "c" + i).toList();

    @BeforeAll
    static void export() throws IOException, InterruptedException {
        Path script = Path.of("src/test/python/torch_reference.py").toAbsolutePath();
        Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), dir.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("torch_reference.py needs Debian's python3-torch and python3-torchvision "
                + "(scripts/test installs them): " + log).isZero();
        float[] px = floats(dir.resolve("input.f32"));
        images = new ArrayList<>();
        int n = 64 * 64;
        for (int i = 0; i < 2; i++) {
            float[][] planes = new float[3][];
            for (int c = 0; c < 3; c++) {
                planes[c] = java.util.Arrays.copyOfRange(px, (i * 3 + c) * n, (i * 3 + c + 1) * n);
            }
            images.add(new Planar(64, 64, planes));
        }
        expected = floats(dir.resolve("logits.f32"));
    }

    private static float[] floats(Path f) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[b.remaining() / 4];
        b.asFloatBuffer().get(v);
        return v;
    }

    private static void assertMatchesPyTorch(float[][] logits) {
        for (int i = 0; i < 2; i++) {
            for (int c = 0; c < 10; c++) {
                assertThat(logits[i][c]).as("image %d class %d", i, c).isCloseTo(expected[i * 10 + c], within(2e-4f * (1 + Math.abs(expected[i * 10 + c]))));
            }
        }
    }

    @Test
    void torchvisionStateDictImportsIntoSieveResNet18WithPyTorchOutputs() throws IOException {
        List<String> unused = new ArrayList<>();
        ModelInfo info = new ModelInfo("resnet18", CLASSES, SPEC, "torchvision");
        Path file = dir.resolve("resnet18.safetensors");
        try (SieveModel m = SieveModel.fromStateDict(info, Safetensors.read(file).tensors(), file.toString(), false, 1, unused)) {
            assertThat(unused).isEmpty();
            assertMatchesPyTorch(m.logits(images));
        }
    }

    @Test
    void torchvisionResNet18StartsTheBackboneOfMsroiResNet18AndOnlyItsClassifierIsLeftOut() throws IOException {
        Path file = dir.resolve("resnet18.safetensors");
        Map<String, Tensor> torchvision = Safetensors.read(file).tensors();
        List<String> unused = new ArrayList<>();
        ModelInfo info = new ModelInfo("msroi-resnet18", CLASSES, SPEC, "torchvision backbone");
        Path saved = dir.resolve("msroi-resnet18.safetensors");
        try (SieveModel m = SieveModel.fromStateDict(info, torchvision, file.toString(), true, 1, unused)) {
            m.save(saved);
        }
        assertThat(unused).containsExactlyInAnyOrder("fc.weight", "fc.bias");
        Map<String, Tensor> loaded = Safetensors.read(saved).tensors();
        int compared = 0;
        for (Map.Entry<String, Tensor> e : torchvision.entrySet()) {
            if (e.getKey().startsWith("fc.") || e.getKey().endsWith(".num_batches_tracked")) {
                continue;
            }
            assertThat(loaded).as("backbone tensor %s", e.getKey()).containsKey(e.getKey());
            assertThat(java.util.Arrays.equals(loaded.get(e.getKey()).data(), e.getValue().data())).as("same values in %s", e.getKey()).isTrue();
            compared++;
        }
        assertThat(compared).as("convolution and batch-norm tensors of the ResNet-18 backbone").isEqualTo(100);
        assertThat(loaded.keySet()).anyMatch(k -> k.startsWith("msroi."));
    }

    @Test
    void torchScriptExportGivesPyTorchOutputsAndTheSameInputGradientsAsTheImport() throws IOException {
        Path file = dir.resolve("resnet18.safetensors");
        ModelInfo info = new ModelInfo("resnet18", CLASSES, SPEC, "torchvision");
        try (TorchScriptClassifier ts = TorchScriptClassifier.load(dir.resolve("resnet18.pt"), SPEC, CLASSES);
                SieveModel m = SieveModel.fromStateDict(info, Safetensors.read(file).tensors(), file.toString(), false, 1, new ArrayList<>())) {
            assertMatchesPyTorch(ts.logits(images));
            int[] targets = {3, 7};
            InputGradient a = ts.inputGradient(images, targets, ClassifierLoss.CROSS_ENTROPY);
            InputGradient b = m.inputGradient(images, targets, ClassifierLoss.CROSS_ENTROPY);
            for (int i = 0; i < 2; i++) {
                float[] ga = a.gradients().get(i).plane(1), gb = b.gradients().get(i).plane(1);
                float max = 0;
                for (float v : gb) {
                    max = Math.max(max, Math.abs(v));
                }
                assertThat(max).isGreaterThan(0);
                for (int k = 0; k < ga.length; k += 37) {
                    assertThat(ga[k]).isCloseTo(gb[k], within(1e-3f * max));
                }
            }
        }
    }
}
