package dev.sieve.repr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.nn.data.Normalization;
import dev.sieve.nn.model.InputSpec;
import dev.sieve.nn.model.ModelInfo;
import dev.sieve.nn.model.SieveModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class DistillationTest {
    static SieveModel model(int size, float mean, List<String> classes) {
        InputSpec in = new InputSpec(1, size, size, new Normalization(new float[] {mean}, new float[] {0.3f}));
        return SieveModel.create(new ModelInfo("c2-6", classes, in, "test"), 1);
    }

    @Test
    void aTeacherWithItsOwnNormalizationIsAcceptedAndAnotherImageSizeIsRefusedInOneShortLine() {
        List<String> four = List.of("a", "b", "c", "d");
        try (SieveModel student = model(16, 0.3f, four); SieveModel teacher = model(16, 0.3001f, four);
                SieveModel big = model(20, 0.3f, four)) {
            assertThatCode(() -> new Distillation(teacher, 4, 0.9f).checkCompatible(student)).doesNotThrowAnyException();
            assertThatThrownBy(() -> new Distillation(big, 4, 0.9f).checkCompatible(student))
                    .hasMessage("teacher c2-6 takes 1x20x20 images and has 4 classes; the student takes 1x16x16 images and has 4 classes");
        }
    }
}
