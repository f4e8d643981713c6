package dev.sieve.nn.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.nn.data.FashionMnist;
import dev.sieve.nn.train.Accuracy;
import dev.sieve.nn.train.Evaluation;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class BuiltinModelTest {
    @Test
    void shippedFashionModelIsTheThesisC3AndClassifiesFashionMnistTestImages() throws IOException {
        try (SieveModel m = ModelFiles.builtin("fashion-c3-32")) {
            assertThat(m.info().architecture()).isEqualTo("c3-32");
            assertThat(m.classes()).isEqualTo(FashionMnist.CLASSES);
            assertThat(m.info().trainedOn()).contains("fashion-mnist");
            Accuracy a = Evaluation.accuracy(m, FashionMnist.load(FashionMnist.DEBIAN_DIR, false).head(1000), 250, k -> { });
            assertThat(a.top1()).isGreaterThan(0.80);
            assertThat(a.top5()).isGreaterThan(0.98);
        }
    }
}
