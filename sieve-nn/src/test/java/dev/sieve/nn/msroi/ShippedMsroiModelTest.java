package dev.sieve.nn.msroi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.image.Planar;
import dev.sieve.image.io.SamplePhotos;
import dev.sieve.image.saliency.SaliencyMap;
import dev.sieve.nn.model.Network;
import dev.sieve.nn.model.SieveModel;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ShippedMsroiModelTest {
    @Test
    void builtInModelIsAnMsroiNetworkOverTheTuxPaintCategories() throws IOException {
        try (SieveModel m = MsroiModels.loadDefault()) {
            assertThat(m.network().head()).isEqualTo(Network.Head.CLASS_MAPS);
            assertThat(m.classes()).containsExactly("animals", "clothes", "food", "household", "plants", "seasonal", "town", "vehicles");
            assertThat(m.info().trainedOn()).contains("sigmoid");
        }
    }

    @Test
    void mapOfTheKodakPhotoIsAlignedDeterministicAndNotFlat() throws IOException {
        Planar photo = SamplePhotos.kodim07();
        try (SieveModel m = MsroiModels.loadDefault()) {
            SaliencyMap a = MsroiMap.compute(m, photo, MsroiOptions.DEFAULT).map();
            SaliencyMap b = MsroiMap.compute(m, photo, MsroiOptions.DEFAULT).map();
            assertThat(a.width()).isEqualTo(768);
            assertThat(a.height()).isEqualTo(512);
            assertThat(java.util.Arrays.mismatch(a.values(), b.values())).as("first differing pixel of two runs").isEqualTo(-1);
            float min = 1, max = 0;
            for (float v : a.values()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            assertThat(max).isEqualTo(1f);
            assertThat(min).isLessThan(0.5f);
        }
    }

    @Test
    void networkInputsOverTheLimitAreRefusedBeforeTheForwardPass() throws IOException {
        Planar wide = new Planar(8000, 800, new float[8000 * 800]);
        try (SieveModel m = MsroiModels.loadDefault()) {
            assertThatThrownBy(() -> MsroiMap.compute(m, wide, MsroiOptions.DEFAULT.withShortSide(2048)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("MS-ROI network input of 20480 x 2048 pixels is over the limit of 4.2 MP; use a smaller input short side");
        }
        assertThatThrownBy(() -> MsroiOptions.DEFAULT.withShortSide(4096)).hasMessageContaining("1..2048 px, got 4096");
    }
}
