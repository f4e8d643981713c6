package dev.sieve.nn.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import dev.sieve.nn.data.Normalization;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ArchitecturesTest {
    static ModelInfo info(String arch, int classes, int channels, int size) {
        float[] mean = new float[channels], std = new float[channels];
        java.util.Arrays.fill(mean, 0.5f);
        java.util.Arrays.fill(std, 0.25f);
        List<String> names = IntStream.range(0, classes).mapToObj(i -> "class" + i).toList();
        return new ModelInfo(arch, names, new InputSpec(channels, size, size, new Normalization(mean, std)), "test");
    }

    private static long weightCount(SieveModel m) {
        long n = 0;
        for (Map.Entry<String, Parameter> e : StateDict.parameters(m.network()).entrySet()) {
            if (!e.getKey().endsWith("running_mean") && !e.getKey().endsWith("running_var")) {
                n += e.getValue().getArray().size();
            }
        }
        return n;
    }

    private static long[][] shapes(SieveModel m, int batch) {
        var in = m.input();
        try (NDManager sub = m.model().getNDManager().newSubManager()) {
            NDList out = m.forwardRaw(sub, new float[batch * in.size()], batch);
            return new long[][] {out.get(0).getShape().getShape(), out.get(1).getShape().getShape()};
        }
    }

    @Test
    void torchvisionResNetsHaveTorchvisionParameterNamesAndCounts() {
        try (SieveModel r18 = SieveModel.create(info("resnet18", 1000, 3, 64), 1)) {
            assertThat(weightCount(r18)).isEqualTo(11_689_512L);
            assertThat(r18.parameterNames()).contains("conv1.weight", "bn1.running_mean", "layer2.0.downsample.0.weight",
                    "layer2.0.downsample.1.running_var", "layer4.1.bn2.bias", "fc.weight", "fc.bias");
            assertThat(shapes(r18, 2)).isEqualTo(new long[][] {{2, 1000}, {2, 512, 2, 2}});
        }
        try (SieveModel r50 = SieveModel.create(info("resnet50", 1000, 3, 64), 1)) {
            assertThat(weightCount(r50)).isEqualTo(25_557_032L);
            assertThat(r50.parameterNames()).contains("layer3.5.conv3.weight", "layer1.0.downsample.0.weight");
        }
    }

    @Test
    void vggKeepsTorchvisionFeatureIndicesUnderAnAveragePoolingHead() {
        try (SieveModel vgg = SieveModel.create(info("vgg16", 10, 3, 32), 1)) {
            assertThat(vgg.parameterNames()).contains("features.0.weight", "features.28.weight", "features.28.bias", "fc.weight");
            // torchvision's vgg16 features hold 14 714 688 weights; plus fc 512×10 + 10.
            assertThat(weightCount(vgg)).isEqualTo(14_714_688L + 5130);
            assertThat(shapes(vgg, 1)).isEqualTo(new long[][] {{1, 10}, {1, 512, 2, 2}});
        }
    }

    @Test
    void cifarResNetsHaveDepthAndSizeOfHeEtAl() {
        try (SieveModel r20 = SieveModel.create(info("resnet20", 10, 3, 32), 1)) {
            // 0.27 M with option A shortcuts (He et al. Table 6); option B adds two 1×1 projections + BN.
            long projections = 16 * 32 + 2 * 32 + 32 * 64 + 2 * 64;
            assertThat(weightCount(r20) - projections).isBetween(269_000L, 273_000L);
            assertThat(r20.parameterNames().stream().filter(n -> n.endsWith("conv2.weight"))).hasSize(9);
            assertThat(shapes(r20, 3)).isEqualTo(new long[][] {{3, 10}, {3, 64, 8, 8}});
        }
    }

    @Test
    void vanillaConvNetIsConvReluStackWithFullyConnectedHead() {
        try (SieveModel c3 = SieveModel.create(info("c3-32", 10, 1, 28), 1)) {
            assertThat(c3.parameterNames()).containsExactly("conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias",
                    "conv3.weight", "conv3.bias", "fc.weight", "fc.bias");
            assertThat(shapes(c3, 2)).isEqualTo(new long[][] {{2, 10}, {2, 32, 28, 28}});
            assertThat(weightCount(c3)).isEqualTo((9 * 32 + 32) + 2 * (9 * 32 * 32 + 32) + (32 * 28 * 28 * 10 + 10));
        }
        try (SieveModel gap = SieveModel.create(info("c2-8-gap", 4, 3, 16), 1)) {
            assertThat(shapes(gap, 1)).isEqualTo(new long[][] {{1, 4}, {1, 8, 16, 16}});
        }
    }

    @Test
    void unknownArchitectureIsRefusedByName() {
        assertThatThrownBy(() -> Architectures.build("resnet21", 10)).hasMessageContaining("resnet21");
    }

    @Test
    void msroiNetworkGivesOneScoreMapPerClassAndItsMeanAsLogits() {
        try (SieveModel m = SieveModel.create(info("msroi-3-4x2-bn", 5, 3, 32), 1)) {
            long[][] s = shapes(m, 2);
            assertThat(s[0]).containsExactly(2, 5);
            assertThat(s[1]).containsExactly(2, 5, 4, 4);
            assertThat(m.parameterNames()).contains("stage1.conv1.weight", "stage1.bn1.running_mean", "stage3.conv2.weight",
                    "msroi.0.weight", "msroi.2.weight");
            // the head's 1x1 convolution is grouped: each class reads only its own D = 2 filters
            assertThat(StateDict.parameters(m.network()).get("msroi.2.weight").getArray().getShape().getShape()).containsExactly(5, 2, 1, 1);
        }
    }

    @Test
    void msroiBackbonesKeepTorchvisionParameterNames() {
        try (SieveModel vgg = SieveModel.create(info("msroi-vgg16", 3, 3, 32), 1);
                SieveModel resnet = SieveModel.create(info("msroi-resnet18", 3, 3, 32), 1)) {
            assertThat(vgg.parameterNames()).contains("features.0.weight", "features.28.weight", "msroi.0.weight");
            assertThat(resnet.parameterNames()).contains("conv1.weight", "layer4.1.bn2.running_var", "msroi.2.bias")
                    .doesNotContain("fc.weight");
        }
    }
}
