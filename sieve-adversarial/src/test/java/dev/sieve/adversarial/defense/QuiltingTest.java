package dev.sieve.adversarial.defense;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.adversarial.TinyModel;
import dev.sieve.image.Planar;
import dev.sieve.image.defense.DefensePipeline;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuiltingTest {
    @Test
    void quiltingFromFashionMnistTrainingPatchesKeepsCleanImagesClassifiable() throws Exception {
        TinyModel.Batch batch = TinyModel.correct(16);
        DefensePipeline q = Defenses.registry(TinyModel.get()).parse("quilting:patches=20000,k=5");
        assertThat(q.spec()).isEqualTo("quilting:patch=5,overlap=2,k=5,data=fashion-mnist,patches=20000,seed=0");
        List<Planar> out = new ArrayList<>();
        for (Planar img : batch.images()) {
            Planar t = q.apply(img, 9);
            assertThat(t).isNotEqualTo(img);
            assertThat(q.apply(img, 9)).isEqualTo(t);
            out.add(t);
        }
        double accuracy = TinyModel.accuracy(out, batch.labels());
        assertThat(accuracy).as("accuracy on quilted clean images").isGreaterThanOrEqualTo(0.6);
        assertThatThrownBy(() -> Defenses.registry().parse("quilting:patch=1")).hasMessageContaining("patch must be 2..64");
    }
}
