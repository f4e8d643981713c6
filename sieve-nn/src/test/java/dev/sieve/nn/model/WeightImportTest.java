package dev.sieve.nn.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.image.Planar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightImportTest {
    @TempDir
    Path dir;

    static List<Planar> randomImages(int n, InputSpec in, long seed) {
        Random r = new Random(seed);
        List<Planar> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[][] p = new float[in.channels()][in.height() * in.width()];
            for (float[] plane : p) {
                for (int k = 0; k < plane.length; k++) {
                    plane[k] = r.nextInt(256);
                }
            }
            out.add(new Planar(in.width(), in.height(), p));
        }
        return out;
    }

    @Test
    void stateDictWrittenAsSafetensorsLoadsIntoAFreshModelWithIdenticalOutputs() throws IOException {
        ModelInfo info = ArchitecturesTest.info("resnet20", 10, 3, 32);
        Path file = dir.resolve("resnet20.safetensors");
        float[][] before;
        List<Planar> images = randomImages(3, info.input(), 7);
        try (SieveModel a = SieveModel.create(info, 1)) {
            before = a.logits(images);
            Safetensors.write(file, Map.of(), StateDict.export(a.network()));
        }
        List<String> unused = new ArrayList<>();
        try (SieveModel b = SieveModel.fromStateDict(info, Safetensors.read(file).tensors(), file.toString(), false, 2, unused)) {
            assertThat(b.logits(images)).isDeepEqualTo(before);
        }
        assertThat(unused).isEmpty();
        try (SieveModel c = SieveModel.create(info, 2)) {
            assertThat(c.logits(images)).isNotEqualTo(before);
        }
    }

    @Test
    void checkpointCarriesDescriptionAndRoundTripsExactly() throws IOException {
        ModelInfo info = ArchitecturesTest.info("c2-8-gap", 5, 3, 12);
        Path file = dir.resolve("m.safetensors");
        List<Planar> images = randomImages(2, info.input(), 3);
        float[][] before;
        try (SieveModel a = SieveModel.create(info, 5)) {
            before = a.logits(images);
            a.save(file);
        }
        try (SieveModel b = SieveModel.load(file)) {
            assertThat(b.info()).isEqualTo(info);
            assertThat(b.logits(images)).isDeepEqualTo(before);
        }
    }

    @Test
    void weightsOfAnotherArchitectureAreRefusedWithTheTensorName() throws IOException {
        Path file = dir.resolve("c3.safetensors");
        try (SieveModel a = SieveModel.create(ArchitecturesTest.info("c2-8-gap", 5, 3, 12), 5)) {
            Safetensors.write(file, Map.of(), StateDict.export(a.network()));
        }
        Map<String, Tensor> dict = Safetensors.read(file).tensors();
        assertThatThrownBy(() -> SieveModel.fromStateDict(ArchitecturesTest.info("c2-16-gap", 5, 3, 12), dict, file.toString(), false, 1, new ArrayList<>()))
                .hasMessageContaining(file.toString()).hasMessageContaining("conv1.weight");
        assertThatThrownBy(() -> SieveModel.fromStateDict(ArchitecturesTest.info("c3-8-gap", 5, 3, 12), dict, file.toString(), false, 1, new ArrayList<>()))
                .hasMessageContaining("missing").hasMessageContaining("conv3.weight");
    }

    @Test
    void fileWithoutSieveDescriptionOrNotSafetensorsIsRefused() throws IOException {
        Path plain = dir.resolve("plain.safetensors");
        Safetensors.write(plain, Map.of(), Map.of("w", new Tensor(new long[] {2}, new float[] {1, 2})));
        assertThatThrownBy(() -> SieveModel.load(plain)).hasMessageContaining("plain.safetensors").hasMessageContaining("description");
        Path junk = dir.resolve("junk.safetensors");
        Files.writeString(junk, "this is not a model at all");
        assertThatThrownBy(() -> SieveModel.load(junk)).isInstanceOf(IOException.class).hasMessageContaining("junk.safetensors")
                .hasMessageContaining("offset 0");
    }
}
