package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BenchTrainCommandTest {
    private static boolean pytorchInstalled() throws InterruptedException {
        try {
            Process p = new ProcessBuilder(PythonScript.PYTHON, "-c", "import torch").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void printsTheIsaCapAndThroughputOfEachModel() throws IOException {
        CliRun r = CliRun.of("bench", "train", "--steps", "1", "--batch-size", "4", "--arch", "c2-4", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).as("progress while it runs").startsWith("bench train: c2-4, one warm-up and one timed epoch of ");
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("schema").asText()).isEqualTo("sieve.bench.train");
        assertThat(j.get("onednn_isa_cap").asText()).isNotBlank();
        JsonNode row = j.get("results").get(0);
        assertThat(row.get("train_images_per_second").asDouble()).isPositive();
        assertThat(row.get("train_images_per_cpu_second").asDouble()).isPositive();
    }

    /** Debian's python3-torch (installed by scripts/test) times the same models; their parameters must match Sieve's. */
    @Test
    void againstPytorchTimesTheSameArchitecturesInPytorch() throws IOException, InterruptedException {
        assumeTrue(pytorchInstalled(), PythonScript.PYTHON + " has no torch (apt-get install python3-torch)");
        CliRun r = CliRun.of("bench", "train", "--steps", "1", "--batch-size", "4", "--arch", "c2-4,resnet20", "--against-pytorch", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("pytorch").asText()).startsWith("1.");
        JsonNode c2 = j.get("results").get(0), resnet = j.get("results").get(1);
        assertThat(c2.get("parameters").asLong()).isEqualTo(3 * 4 * 9 + 4 + 4 * 4 * 9 + 4 + 10 * 4 * 32 * 32 + 10);
        assertThat(resnet.get("parameters").asLong()).isEqualTo(272_474);
        for (JsonNode row : j.get("results")) {
            assertThat(row.get("pytorch_train_images_per_second").asDouble()).isPositive();
            assertThat(row.get("train_ratio_to_pytorch").asDouble()).isPositive();
            assertThat(row.get("train_cpu_ratio_to_pytorch").asDouble()).isPositive();
            assertThat(row.get("inference_ratio_to_pytorch").asDouble()).isPositive();
        }
    }

    @Test
    void againstPytorchRejectsAnArchitectureTheScriptDoesNotBuild() {
        CliRun r = CliRun.of("bench", "train", "--arch", "resnet18", "--against-pytorch");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).contains("the PyTorch comparison times cN-X and resnet20/32/56/110, not 'resnet18'").doesNotContain("\n");
    }
}
