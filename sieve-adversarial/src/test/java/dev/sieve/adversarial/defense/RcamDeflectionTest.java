package dev.sieve.adversarial.defense;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.adversarial.TinyModel;
import dev.sieve.image.Planar;
import dev.sieve.image.defense.DefensePipeline;
import dev.sieve.image.saliency.SaliencyMap;
import dev.sieve.nn.cam.ClassActivationMaps;
import dev.sieve.nn.model.SieveModel;
import org.junit.jupiter.api.Test;

class RcamDeflectionTest {
    @Test
    void deflectionGuidedByTheDefendedClassifiersRcamSparesItsSalientPixels() throws Exception {
        SieveModel model = TinyModel.get();
        DefensePipeline guided = Defenses.registry(model).parse("deflect:k=200,w=3,map=rcam,top=3");
        DefensePipeline blind = Defenses.registry(model).parse("deflect:k=200,w=3");
        assertThat(guided.spec()).contains("map=rcam,top=3");
        double guidedHot = 0, blindHot = 0;
        for (Planar img : TinyModel.correct(8).images()) {
            SaliencyMap rcam = ClassActivationMaps.rcam(model, img, 3);
            guidedHot += changedOnHotPixels(img, guided.apply(img, 11), rcam);
            blindHot += changedOnHotPixels(img, blind.apply(img, 11), rcam);
            assertThat(guided.apply(img, 11).plane(0)).as("seeded").containsExactly(guided.apply(img, 11).plane(0));
        }
        assertThat(guidedHot).as("mean R-CAM value of the changed pixels").isLessThan(0.85 * blindHot);
    }

    /** Mean R-CAM value (in [0, 1]) of the pixels the deflection changed. */
    private static double changedOnHotPixels(Planar before, Planar after, SaliencyMap map) {
        int changed = 0;
        double sum = 0;
        for (int j = 0; j < before.pixels(); j++) {
            if (before.plane(0)[j] != after.plane(0)[j]) {
                changed++;
                sum += map.values()[j];
            }
        }
        return changed == 0 ? 0 : sum / changed;
    }

    @Test
    void withoutTheDefendedClassifierMapRcamIsRefusedInOneLine() {
        assertThatThrownBy(() -> Defenses.registry().parse("deflect:map=rcam")).hasMessageContaining("needs the classifier being defended")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> Defenses.registry().parse("deflect:top=3")).hasMessageContaining("only with map=rcam");
    }
}
