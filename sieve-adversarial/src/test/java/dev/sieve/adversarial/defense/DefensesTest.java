package dev.sieve.adversarial.defense;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.adversarial.TinyModel;
import dev.sieve.image.Planar;
import dev.sieve.image.defense.DefensePipeline;
import dev.sieve.image.defense.DefenseRegistry;
import dev.sieve.nn.model.SieveModel;
import org.junit.jupiter.api.Test;

class DefensesTest {
    @Test
    void everyStageIsRandomizedExactlyWhenItsOutputDependsOnTheSeed() throws Exception {
        SieveModel model = TinyModel.get();
        DefenseRegistry registry = Defenses.registry(model);
        Planar img = TinyModel.correct(1).images().get(0);
        for (String name : registry.names()) {
            DefensePipeline p = registry.parse(name);
            Planar first = p.apply(img, 1);
            boolean differs = java.util.stream.LongStream.rangeClosed(2, 6).anyMatch(seed -> !p.apply(img, seed).equals(first));
            assertThat(p.randomized()).as(name).isEqualTo(differs);
        }
        assertThat(registry.parse("deflect:map=rcam").randomized()).isTrue();
    }
}
