package dev.sieve.adversarial.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefenseRowStoreTest {
    @TempDir
    Path dir;

    private static EvaluationRow row(String attack, double accuracy) {
        return new EvaluationRow(attack, attack, "none", "none", false, 10, 0.5, 0.01, 0.03, accuracy, accuracy, accuracy, Double.NaN,
                Double.NaN, 1.25, Double.NaN, Double.NaN, Double.NaN);
    }

    @Test
    void resumingTakesTheSavedRowsAndSkipsATornLastLine() throws Exception {
        Path file = dir.resolve("run").resolve("checkpoint.jsonl");
        Map<String, Object> parameters = Map.of("model", "m", "limit", 10);
        DefenseRowStore store = DefenseRowStore.open(file, parameters, false);
        store.save("fgsm\u0000none", row("fgsm", 0.25));
        store.save("pgd\u0000none", row("pgd", 0.125));
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).contains("\"accuracy_single\":0.25", "\"destruction_single\":\"NaN\"");
        Files.writeString(file, String.join("\n", lines.subList(0, 2)) + "\n" + lines.get(2).substring(0, 20));

        DefenseRowStore resumed = DefenseRowStore.open(file, parameters, true);
        assertThat(resumed.size()).isEqualTo(1);
        assertThat(resumed.find("fgsm\u0000none")).isEqualTo(row("fgsm", 0.25));
        assertThat(resumed.find("pgd\u0000none")).isNull();
    }

    @Test
    void aStoreOfOtherParametersIsRefusedOnResumeAndReplacedWithout() throws Exception {
        Path file = dir.resolve("checkpoint.jsonl");
        DefenseRowStore.open(file, Map.of("limit", 10), false).save("a\u0000none", row("a", 0.5));
        assertThatThrownBy(() -> DefenseRowStore.open(file, Map.of("limit", 12), true)).isInstanceOf(DefenseRowStore.OtherRun.class)
                .hasMessageContaining("holds a run with other parameters").hasMessageNotContaining("--");
        assertThat(DefenseRowStore.open(file, Map.of("limit", 12), false).size()).isZero();
        assertThat(Files.readAllLines(file)).containsExactly("{\"limit\":12}");
    }
}
