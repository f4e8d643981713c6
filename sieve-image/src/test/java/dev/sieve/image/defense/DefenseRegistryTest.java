package dev.sieve.image.defense;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.image.Planar;
import dev.sieve.image.testimages.NaturalImages;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class DefenseRegistryTest {
    private final DefenseRegistry registry = DefenseRegistry.standard();

    @Test
    void parsesTheThesisPipelineWithDefaultsSpelledOut() throws Exception {
        DefensePipeline p = registry.parse("deflect:k=100,w=10|wavelet:method=bayes,sigma=0.04");
        assertThat(p.stages()).hasSize(2);
        assertThat(p.spec()).isEqualTo("deflect:k=100,w=10,sampling=uniform,replace=random,per=pixel,original=false"
                + "|wavelet:method=bayes,mode=soft,sigma=0.04,wavelet=db1,levels=0,ycbcr=true");
        assertThat(registry.parse(p.spec()).spec()).isEqualTo(p.spec());
        assertThat(registry.parse("deflect:original=true").spec()).contains("per=channel,original=true");
        assertThat(registry.parse("wavelet:sigma=auto,method=hard").spec()).startsWith("wavelet:method=bayes,mode=hard,sigma=auto");
        assertThat(registry.parse("wavelet:method=visu,mode=hard").spec()).startsWith("wavelet:method=visu,mode=hard,");
    }

    @Test
    void everyStandardStageParsesWithDefaultsAndRoundTrips() throws Exception {
        for (String name : registry.names()) {
            DefensePipeline p = registry.parse(name);
            assertThat(registry.parse(p.spec()).spec()).isEqualTo(p.spec());
        }
    }

    @Test
    void aStageIsRandomizedExactlyWhenItsOutputDependsOnTheSeed() throws Exception {
        Planar img = NaturalImages.crop(NaturalImages.kodim07(), 300, 200, 64, 48);
        for (String name : registry.names()) {
            DefensePipeline p = registry.parse(name);
            Planar first = p.apply(img, 1);
            boolean differs = java.util.stream.LongStream.rangeClosed(2, 6).anyMatch(seed -> !p.apply(img, seed).equals(first));
            assertThat(p.randomized()).as(name).isEqualTo(differs);
        }
        assertThat(registry.parse("median:size=3|wavelet").randomized()).isFalse();
        assertThat(registry.parse("median:size=3|deflect").randomized()).isTrue();
    }

    @Test
    void pipelineIsReproducibleFromItsSeed() throws Exception {
        Planar img = NaturalImages.crop(NaturalImages.kodim07(), 300, 200, 96, 80);
        DefensePipeline p = registry.parse("deflect:k=300,w=5|resizepad|median:size=3");
        assertThat(p.apply(img, 1)).isEqualTo(p.apply(img, 1)).isNotEqualTo(p.apply(img, 2));
    }

    @Test
    void badSpecsFailWithOneClearLine() {
        assertThatThrownBy(() -> registry.parse("")).hasMessageContaining("empty defense pipeline");
        assertThatThrownBy(() -> registry.parse("deflect||wavelet")).hasMessageContaining("empty stage");
        assertThatThrownBy(() -> registry.parse("blur:r=3")).hasMessageContaining("unknown defense 'blur'");
        assertThatThrownBy(() -> registry.parse("deflect:kk=3")).hasMessageContaining("unknown parameter 'kk'");
        assertThatThrownBy(() -> registry.parse("deflect:k=many")).hasMessageContaining("k must be an integer");
        assertThatThrownBy(() -> registry.parse("deflect:w=-1")).hasMessageContaining("window must be at least 1");
        assertThatThrownBy(() -> registry.parse("deflect:k")).hasMessageContaining("expected key=value");
        assertThatThrownBy(() -> registry.parse("wavelet:method=fancy")).hasMessageContaining("unknown shrinkage");
        assertThatThrownBy(() -> registry.parse("wavelet:wavelet=db9")).hasMessageContaining("unknown wavelet");
        assertThatThrownBy(() -> registry.parse("median:size=0")).hasMessageContaining("1..15");
        assertThatThrownBy(() -> registry.parse("bitdepth:bits=9")).hasMessageContaining("1..8");
        assertThatThrownBy(() -> registry.parse("nlmeans:patch=4")).hasMessageContaining("odd");
        assertThatThrownBy(() -> registry.parse("tvm:drop=1")).hasMessageContaining("[0, 1)");
        assertThatThrownBy(() -> registry.parse("deflect:map=/no/such/map.png")).hasMessageContaining("no such file");
        for (String s : new String[] {"deflect:sampling=cauchy", "deflect:per=row", "wavelet:ycbcr=maybe", "wavelet:sigma=NaN",
            "wavelet:mode=medium", "wavelet:method=hard,mode=soft"}) {
            assertThatThrownBy(() -> registry.parse(s)).as(s).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void registryAcceptsStagesFromOtherModules() throws Exception {
        DefenseRegistry r = registry.with("invert", params -> new Defense() {
            @Override
            public Planar apply(Planar img, long seed) {
                return img;
            }

            @Override
            public String spec() {
                return "invert";
            }
        });
        assertThat(r.parse("invert|bitdepth").spec()).isEqualTo("invert|bitdepth:bits=5");
        assertThat(r.names()).contains("deflect", "invert");
    }
}
