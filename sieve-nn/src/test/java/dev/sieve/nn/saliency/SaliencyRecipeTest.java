package dev.sieve.nn.saliency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.image.Planar;
import dev.sieve.image.io.SamplePhotos;
import dev.sieve.image.saliency.MapTrust;
import dev.sieve.image.saliency.SaliencyFusion;
import dev.sieve.image.saliency.SaliencySource;
import dev.sieve.nn.model.SieveModel;
import dev.sieve.nn.msroi.MsroiModels;
import dev.sieve.nn.msroi.MsroiOptions;
import dev.sieve.nn.msroi.Perturbations;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SaliencyRecipeTest {
    private static SaliencyRecipe recipe(String method) {
        return new SaliencyRecipe(method, MsroiOptions.DEFAULT, 5, Perturbations.DEFAULT, 1);
    }

    @Test
    void autoFusesEverySourceIntoATrustedMapOfTheImageSizeAndNamesThem() throws IOException {
        Planar photo = SamplePhotos.kodim07();
        try (SieveModel m = MsroiModels.loadDefault()) {
            SaliencyRecipe.Result r = recipe("auto").forEncoding(m, MsroiModels.DEFAULT, photo);
            assertThat(r.fallback()).isNull();
            assertThat(r.map().width()).isEqualTo(768);
            assertThat(r.map().height()).isEqualTo(512);
            assertThat(MapTrust.check(r.map()).trusted()).isTrue();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> sources = (List<Map<String, Object>>) r.description().get("sources");
            assertThat(sources).extracting(s -> s.get("source")).containsExactly("boundary", "msroi", "spectral", "center");
            assertThat(sources).extracting(s -> s.get("used")).containsOnly(true);
            SaliencyRecipe.Result again = recipe("auto").compute(m, MsroiModels.DEFAULT, photo);
            assertThat(again.map().values()).isEqualTo(r.map().values());
        }
    }

    @Test
    void anUntrustedMsroiMapFallsBackToAutoAndAFlatImageToNothing() throws IOException {
        Planar flat = new Planar(64, 48, new float[64 * 48], new float[64 * 48], new float[64 * 48]);
        try (SieveModel m = MsroiModels.loadDefault()) {
            SaliencyRecipe.Result r = recipe("msroi").forEncoding(m, MsroiModels.DEFAULT, flat);
            assertThat(r.map()).as("%s", r.description()).isNull();
            assertThat(r.fallback()).startsWith("msroi map refused (").contains("auto map refused (").endsWith("encoding plain JPEG");
        }
        Planar photo = SamplePhotos.kodim07();
        SaliencyRecipe.Result spectral = recipe("spectral").forEncoding(null, null, photo);
        assertThat(spectral.fallback()).isNull();
        assertThat(spectral.map()).isNotNull();
    }

    @Test
    void sourceSpecsNameTheirSourcesAndBadSpecsAreRefused() {
        SaliencySource stand = SaliencySource.center();
        SaliencySource mix = SaliencySources.parse("mix:msroi=1+boundary=0.5/alpha=0.3/low=0.4/high=0.9", stand);
        assertThat(mix).isInstanceOf(SaliencyFusion.class);
        SaliencyFusion f = (SaliencyFusion) mix;
        assertThat(f.sources()).extracting(w -> w.source().name()).containsExactly("center", "boundary");
        assertThat(f.refinement().alpha()).isEqualTo(0.3);
        assertThat(f.low()).isEqualTo(0.4);
        assertThat(f.high()).isEqualTo(0.9);
        assertThat(SaliencySources.parse("auto", stand).name()).isEqualTo("auto");
        assertThat(SaliencySources.parse("spectral", stand).name()).isEqualTo("spectral");
        assertThatThrownBy(() -> SaliencySources.parse("magic", stand)).hasMessageContaining("unknown saliency source 'magic'");
        assertThatThrownBy(() -> SaliencySources.parse("mix:msroi", stand)).hasMessageContaining("NAME=WEIGHT");
        assertThatThrownBy(() -> SaliencySources.parse("mix:msroi=x", stand)).hasMessageContaining("not a number");
        assertThatThrownBy(() -> SaliencySources.parse("mix:faces=1", stand)).hasMessageContaining("mix source must be");
    }
}
