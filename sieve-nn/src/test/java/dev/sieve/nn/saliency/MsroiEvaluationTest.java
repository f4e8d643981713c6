package dev.sieve.nn.saliency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MsroiEvaluationTest {
    @Test
    void theLevelThresholdIsOneMinusTheTopLevelsShare() {
        MsroiEvaluation.Settings s = new MsroiEvaluation.Settings(List.of("msroi", "center"), 5, 2, 5, 0, 0, 1, null);
        assertThat(s.threshold()).isEqualTo(0.6, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void unknownMethodsAndLevelsOutOfRangeAreRefused() {
        assertThatThrownBy(() -> new MsroiEvaluation.Settings(List.of("msroi", "cam"), 5, 2, 5, 0, 0, 1, null))
                .hasMessageContaining("unknown method 'cam'").hasMessageContaining("aug-msroi");
        assertThatThrownBy(() -> new MsroiEvaluation.Settings(List.of("msroi"), 5, 5, 5, 0, 0, 1, null)).hasMessageContaining("top in 1..levels-1");
        assertThatThrownBy(() -> new MsroiEvaluation.Settings(List.of("msroi"), 5, 2, 5, 0, 0, 1, 0)).hasMessageContaining("limit");
    }
}
