package dev.sieve.nn.saliency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sieve.image.Planar;
import dev.sieve.image.io.ImageFiles;
import dev.sieve.image.io.SamplePhotos;
import dev.sieve.image.saliency.MapTrust;
import dev.sieve.image.saliency.SaliencyFusion;
import dev.sieve.image.saliency.SaliencySource;
import dev.sieve.nn.detect.Detectors;
import dev.sieve.nn.detect.ModelsDirectory;
import dev.sieve.nn.model.SieveModel;
import dev.sieve.nn.msroi.MsroiModels;
import dev.sieve.nn.msroi.MsroiOptions;
import dev.sieve.nn.msroi.Perturbations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SaliencyRecipeTest {
    /** A folder without detector models. */
    @TempDir
    static Path noModels;

    private static SaliencyRecipe recipe(String method) {
        return new SaliencyRecipe(method, MsroiOptions.DEFAULT, 5, Perturbations.DEFAULT, 1);
    }

    private static SaliencyRecipe modelFree(String method) {
        return new SaliencyRecipe(method, MsroiOptions.DEFAULT, 5, Perturbations.DEFAULT, 1, noModels.toString());
    }

    @Test
    void autoFusesEverySourceIntoATrustedMapOfTheImageSizeAndNamesThem() throws IOException {
        Planar photo = SamplePhotos.kodim07();
        try (SieveModel m = MsroiModels.loadDefault()) {
            SaliencyRecipe.Result r = modelFree("auto").forEncoding(m, MsroiModels.DEFAULT, photo);
            assertThat(r.fallback()).isNull();
            assertThat(r.map().width()).isEqualTo(768);
            assertThat(r.map().height()).isEqualTo(512);
            assertThat(MapTrust.check(r.map()).trusted()).isTrue();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> sources = (List<Map<String, Object>>) r.description().get("sources");
            assertThat(sources).extracting(s -> s.get("source")).containsExactly("boundary", "msroi", "spectral", "center", "focus");
            assertThat(sources.subList(0, 4)).extracting(s -> s.get("used")).containsOnly(true);
            // kodim07's shutters are as sharp as its flowers: the focus cue's blur gate is closed, its empty map left out
            assertThat(sources.get(4).get("used")).isEqualTo(false);
            SaliencyRecipe.Result again = modelFree("auto").compute(m, MsroiModels.DEFAULT, photo);
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
    void sourceSpecsNameTheirSourcesAndBadSpecsAreRefused(@TempDir Path empty) {
        SaliencySource stand = SaliencySource.center();
        DetectorSources none = DetectorSources.at(empty.resolve("absent"));
        SaliencySource mix = SaliencySources.parse("mix:msroi=1+boundary=0.5/alpha=0.3/low=0.4/high=0.9", stand, none);
        assertThat(mix).isInstanceOf(SaliencyFusion.class);
        SaliencyFusion f = (SaliencyFusion) mix;
        assertThat(f.sources()).extracting(w -> w.source().name()).containsExactly("center", "boundary");
        assertThat(f.sources()).extracting(SaliencyFusion.Weighted::scale).containsOnly(SaliencyFusion.Scale.RELATIVE);
        assertThat(f.refinement().alpha()).isEqualTo(0.3);
        assertThat(f.low()).isEqualTo(0.4);
        assertThat(f.high()).isEqualTo(0.9);
        assertThat(SaliencySources.parse("auto", stand, none).name()).isEqualTo("auto");
        assertThat(((SaliencyFusion) SaliencySources.parse("auto", stand, none)).sources()).hasSize(5);
        assertThat(SaliencySources.parse("spectral", stand, none).name()).isEqualTo("spectral");
        assertThatThrownBy(() -> SaliencySources.parse("magic", stand, none)).hasMessageContaining("unknown saliency source 'magic'");
        assertThatThrownBy(() -> SaliencySources.parse("mix:msroi", stand, none)).hasMessageContaining("NAME=WEIGHT");
        assertThatThrownBy(() -> SaliencySources.parse("mix:msroi=x", stand, none)).hasMessageContaining("not a number");
        assertThatThrownBy(() -> SaliencySources.parse("mix:magic=1", stand, none)).hasMessageContaining("mix source must be");
        assertThatThrownBy(() -> SaliencySources.parse("mix:center=1/cover=magic", stand, none)).hasMessageContaining("cover must name");
        assertThatThrownBy(() -> SaliencySources.parse("mix:center=1/gate=magic", stand, none)).hasMessageContaining("gate must name");
        assertThatThrownBy(() -> SaliencySources.parse("mix:faces=1", stand, none))
                .hasMessageContaining("faces is not available").hasMessageContaining("does not exist");
    }

    @Test
    void withoutDetectorModelsAutoIsTheModelFreeFusionAndSaysSoOnce(@TempDir Path dir) throws IOException {
        Path models = dir.resolve("models");
        Files.createDirectories(models);
        Files.writeString(models.resolve("blazeface.json"), "{ not json");
        Planar photo = SamplePhotos.kodim07();
        try (SieveModel m = MsroiModels.loadDefault()) {
            SaliencyRecipe r = new SaliencyRecipe("auto", MsroiOptions.DEFAULT, 5, Perturbations.DEFAULT, 1, models.toString());
            assertThat(r.detectors().available()).isEmpty();
            assertThat(r.detectors().note()).startsWith("without detectors objects, faces, people: ")
                    .contains("blazeface.json").contains("centernet.json is missing").doesNotContain("\n");
            SaliencyRecipe.Result first = r.forEncoding(m, MsroiModels.DEFAULT, photo);
            assertThat(first.description().get("note")).isEqualTo("auto runs " + r.detectors().note());
            SaliencyRecipe.Result second = r.forEncoding(m, MsroiModels.DEFAULT, photo);
            assertThat(second.description()).doesNotContainKey("note");
            assertThat(second.map().values()).isEqualTo(modelFree("auto").compute(m, MsroiModels.DEFAULT, photo).map().values());
        }
    }

    @Test
    void withDetectorModelsAutoCoversTheAstronautsFaceAndListsTheDetections() throws IOException {
        Path dir = ModelsDirectory.resolve(null);
        assumeTrue(DetectorSources.NAMES.stream().allMatch(n -> ModelsDirectory.has(dir, Detectors.modelOf(n))),
                "detector models not in " + dir + " (scripts/fetch-models fetches them)");
        Path astronautFile = Path.of("/usr/lib/python3/dist-packages/skimage/data/astronaut.png");
        assumeTrue(Files.isRegularFile(astronautFile), astronautFile + " missing (Debian python3-skimage)");
        Planar astronaut = ImageFiles.read(astronautFile);
        try (SieveModel m = MsroiModels.loadDefault()) {
            SaliencyRecipe.Result r = recipe("auto").forEncoding(m, MsroiModels.DEFAULT, astronaut);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> sources = (List<Map<String, Object>>) r.description().get("sources");
            assertThat(sources).extracting(s -> s.get("source")).containsExactly("boundary", "msroi", "spectral", "center", "objects", "faces", "focus");
            Map<String, Object> faces = sources.get(5);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> found = (List<Map<String, Object>>) faces.get("detections");
            assertThat(found).hasSize(1);
            assertThat(found.get(0).get("label")).isEqualTo("face");
            @SuppressWarnings("unchecked")
            List<Integer> box = (List<Integer>) found.get(0).get("box");
            // the face box (about x 175-275, y 60-180, read off the photo) is covered: every pixel at least 0.9 of the map's top
            for (int y = box.get(1) + 2; y < box.get(3) - 2; y += 4) {
                for (int x = box.get(0) + 2; x < box.get(2) - 2; x += 4) {
                    assertThat(r.map().get(x, y)).as("map at %d,%d", x, y).isGreaterThanOrEqualTo(0.9f * (float) (double) found.get(0).get("score"));
                }
            }
        }
    }

    @Test
    void aDetectorIsARecipeThatNeedsTheMsroiNetworkOnlyForItsAutoFallback() throws IOException {
        SaliencyRecipe objects = modelFree("objects");
        assertThat(objects.isDetector()).isTrue();
        assertThat(objects.needsModel()).isFalse();
        assertThat(objects.needsModelForEncoding()).isTrue();
        assertThat(modelFree("spectral").needsModelForEncoding()).isFalse();
        assertThatThrownBy(() -> objects.compute(null, null, SamplePhotos.kodim07())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("objects is not available");
        Path dir = ModelsDirectory.resolve(null);
        assumeTrue(Files.exists(dir.resolve(Detectors.modelOf("faces") + ".json")), "detector models not in " + dir + " (scripts/fetch-models)");
        SaliencyRecipe.Result faces = recipe("faces").compute(null, null, SamplePhotos.kodim07());
        assertThat(faces.description()).containsKeys("method", "model", "detections", "empty");
        assertThat(faces.map().width()).isEqualTo(768);
    }

    @Test
    void anMsroiDescriptionNamesItsSettingsInSnakeCase() throws IOException {
        try (SieveModel m = MsroiModels.loadDefault()) {
            Map<String, Object> d = recipe("msroi").compute(m, MsroiModels.DEFAULT, SamplePhotos.kodim07()).description();
            assertThat(d).containsEntry("select", "topk").containsKeys("top_k", "msroi_size", "classes", "empty");
            assertThat(d.keySet()).allMatch(k -> k.matches("[a-z_]+"));
        }
    }

    @Test
    void aClassSelectionRuleParsesAsItPrints() {
        for (dev.sieve.nn.msroi.RoiSelection r : dev.sieve.nn.msroi.RoiSelection.values()) {
            assertThat(dev.sieve.nn.msroi.RoiSelection.parse(r.toString().toUpperCase(java.util.Locale.ROOT))).isEqualTo(r);
        }
        assertThatThrownBy(() -> dev.sieve.nn.msroi.RoiSelection.parse("best")).hasMessageContaining("topk or threshold");
    }

    @Test
    void aMixTunedInEvalSaliencyIsAMethodOfItsOwnWithTheSameMap() throws IOException {
        Planar photo = SamplePhotos.kodim07();
        String spec = "mix:boundary=1+spectral=0.5+center=0.25/low=0.3";
        SaliencyRecipe mix = modelFree(spec);
        assertThat(mix.needsModel()).isFalse();
        SaliencyRecipe.Result r = mix.compute(null, null, photo);
        SaliencySource same = SaliencySources.parse(spec, SaliencySource.of("msroi", img -> null), mix.detectors());
        assertThat(r.map().values()).isEqualTo(same.map(photo).resizedTo(768, 512).values());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> sources = (List<Map<String, Object>>) r.description().get("sources");
        assertThat(sources).extracting(s -> s.get("source")).containsExactly("boundary", "spectral", "center");
        assertThat(modelFree("mix:boundary=1+msroi=0.25").needsModel()).isTrue();
    }

    @Test
    void modelFreeSourcesNeedNoNetworkAndGiveAMapOfTheImageSize() {
        Planar photo = SamplePhotos.kodim07();
        for (String method : List.of("boundary", "center", "focus")) {
            SaliencyRecipe r = modelFree(method);
            assertThat(r.needsModel()).as(method).isFalse();
            SaliencyRecipe.Result m = r.compute(null, null, photo);
            assertThat(m.map().width()).as(method).isEqualTo(768);
            assertThat(m.map().height()).as(method).isEqualTo(512);
        }
    }

    @Test
    void aBadMixOrAMixNamingMsroiWithoutAnMsroiNetworkFailsInOneLine() {
        Planar photo = SamplePhotos.kodim07();
        assertThatThrownBy(() -> modelFree("mix:boundary=1+sky=2").compute(null, null, photo))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("mix source must be msroi, spectral, center, boundary, focus");
        assertThatThrownBy(() -> modelFree("mix:msroi=1").compute(null, "x.pt", photo))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("x.pt: mix:msroi=1 names msroi, which needs an MS-ROI network");
        assertThatThrownBy(() -> modelFree("sky"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("saliency method must be auto, msroi");
    }

    @Test
    void aMixNeedsTheNetworkExactlyWhenParseReadsAnMsroiTerm() {
        assertThat(modelFree("mix:boundary=1+MSROI=0.25").needsModel()).isTrue();
        assertThat(modelFree("mix:boundary=1+spectral=0.5/low=0.3").needsModel()).isFalse();
        assertThat(SaliencySources.usesMsroi("auto")).isTrue();
        assertThat(SaliencySources.usesMsroi("mix:msroi_x=1")).isFalse();
    }
}
