package dev.sieve.nn.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.nn.data.Normalization;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelInfoTest {
    private static final ModelInfo INFO = new ModelInfo("lenet5", List.of("a", "b"),
            new InputSpec(1, 28, 28, new Normalization(new float[] {0.5f}, new float[] {0.25f})), "tiny set, 1 epoch");

    @Test
    void writesSnakeCaseKeysAndReadsThemBack() {
        String json = INFO.toJson();
        assertThat(json).contains("\"trained_on\":\"tiny set, 1 epoch\"").doesNotContainPattern("\"[a-z]+[A-Z]\\w*\":");
        ModelInfo back = ModelInfo.fromJson(json, "x");
        assertThat(back.trainedOn()).isEqualTo(INFO.trainedOn());
        assertThat(back.architecture()).isEqualTo("lenet5");
        assertThat(back.classes()).containsExactly("a", "b");
    }

    @Test
    void readsTheCamelCaseSpellingOfOlderCheckpoints() {
        String older = INFO.toJson().replace("\"trained_on\"", "\"trainedOn\"");
        assertThat(ModelInfo.fromJson(older, "x").trainedOn()).isEqualTo("tiny set, 1 epoch");
    }
}
