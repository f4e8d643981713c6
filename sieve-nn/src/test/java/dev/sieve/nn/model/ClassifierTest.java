package dev.sieve.nn.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.image.Planar;
import dev.sieve.nn.data.FashionMnist;
import dev.sieve.nn.data.ImageDataset;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassifierTest {
    @Test
    void aClassIsNamedByItsNameOrIndexAndAnythingElseIsRefused() throws IOException {
        try (DjlClassifier m = ModelFiles.open("builtin:fashion-c3-32", null, 224)) {
            assertThat(m.classIndex("Trouser")).isEqualTo(1);
            assertThat(m.classIndex(" 7 ")).isEqualTo(7);
            assertThatThrownBy(() -> m.classIndex("Hat")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("unknown class 'Hat' (an index 0..9 or a class name)");
            assertThatThrownBy(() -> m.classIndex("10")).hasMessage("class 10 outside 0..9");
        }
    }

    @Test
    void thePredictionIsTheLargestLogit() throws IOException {
        ImageDataset test = FashionMnist.load(FashionMnist.DEBIAN_DIR, false).head(16);
        List<Planar> images = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
            images.add(test.image(i));
        }
        try (DjlClassifier m = ModelFiles.open("builtin:fashion-c3-32", null, 224)) {
            float[][] z = m.logits(images);
            int[] p = m.predict(images);
            for (int i = 0; i < z.length; i++) {
                for (float v : z[i]) {
                    assertThat(v).isLessThanOrEqualTo(z[i][p[i]]);
                }
            }
            assertThat(m.predict(List.of())).isEmpty();
        }
    }
}
