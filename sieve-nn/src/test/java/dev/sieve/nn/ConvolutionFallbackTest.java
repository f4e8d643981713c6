package dev.sieve.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sieve.nn.model.SieveModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConvolutionFallbackTest {
    @Test
    void uncappedOneDnnStillGivesTheLogitsOfTheCheckedKernels() throws IOException, InterruptedException {
        float[] expected;
        try (SieveModel m = ConvolutionFallbackProbe.model()) {
            expected = m.logits(ConvolutionFallbackProbe.input(), 2);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"), "-Dai.djl.offline=true",
                ConvolutionFallbackProbe.class.getName());
        pb.environment().remove("ONEDNN_MAX_CPU_ISA");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        String kernels = out.lines().filter(l -> l.startsWith("KERNELS ")).findFirst().orElseThrow().substring(8);
        assertThat(kernels).isIn("oneDNN", "libtorch native");
        if (kernels.equals("libtorch native")) {
            assertThat(out).contains("wrong convolution", "ONEDNN_MAX_CPU_ISA");
        }
        float[] got = ConvolutionFallbackProbe.logits(out);
        assertThat(got).hasSameSizeAs(expected);
        for (int i = 0; i < got.length; i++) {
            assertThat(got[i]).as("logit %d", i).isCloseTo(expected[i], within(1e-4f * (1 + Math.abs(expected[i]))));
        }
    }
}
