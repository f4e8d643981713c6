package dev.sieve.nn.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingBenchmarkTest {
    @Test
    void measuresThroughputAndDescribesTheModelForTheComparisonWithPytorch() throws Exception {
        TrainingBenchmark b = new TrainingBenchmark(4, 2);
        assertThat(b.images()).isEqualTo(8);
        TrainingBenchmark.Measurement m = b.measure("c2-4");
        assertThat(m.trainImagesPerSecond()).isPositive();
        assertThat(m.trainImagesPerCpuSecond()).isPositive();
        assertThat(m.inferenceImagesPerSecond()).isPositive();
        assertThat(m.parameters()).isEqualTo(3 * 4 * 9 + 4 + 4 * 4 * 9 + 4 + 10 * 4 * 32 * 32 + 10);
        assertThat(m.stateDict().values().stream().mapToLong(s -> s.stream().reduce(1L, (x, y) -> x * y)).sum()).isGreaterThanOrEqualTo(m.parameters());

        String same = "torch 1.13\n{\"torch\": \"1.13\", \"parameters\": " + m.parameters() + ", \"state_dict\": "
                + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(m.stateDict())
                + ", \"train_images_per_second\": 10, \"train_images_per_cpu_second\": 5, \"inference_images_per_second\": 20}";
        TrainingBenchmark.PytorchTimes py = TrainingBenchmark.PytorchTimes.parse(same);
        assertThat(py.version()).isEqualTo("1.13");
        assertThat(py.trainImagesPerCpuSecond()).isEqualTo(5);
        m.requireSameModel(py);
        TrainingBenchmark.PytorchTimes other = new TrainingBenchmark.PytorchTimes("1.13", m.parameters(), Map.of("w", List.of(1L)), 1, 1, 1);
        assertThatThrownBy(() -> m.requireSameModel(other)).hasMessageContaining("differs from Sieve's");
    }
}
