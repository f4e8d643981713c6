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

    @Test
    void shippedResnet20ClassifiesFashionMnistTestImagesAboveNinetyPercent() throws IOException {
        try (SieveModel m = ModelFiles.builtin("fashion-resnet20")) {
            assertThat(m.info().architecture()).isEqualTo("resnet20");
            assertThat(m.classes()).isEqualTo(FashionMnist.CLASSES);
            Accuracy a = Evaluation.accuracy(m, FashionMnist.load(FashionMnist.DEBIAN_DIR, false).head(1000), 250, k -> { });
            assertThat(a.top1()).isGreaterThan(0.90);
        }
    }

    @Test
    void aModelsArchitectureIsReadFromItsMetadataAndNothingElseHasOne(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        assertThat(ModelFiles.architecture("builtin:fashion-resnet20")).contains("resnet20");
        assertThat(ModelFiles.architecture("builtin:msroi-scenes")).contains("msroi-4-8x8-bn");
        java.nio.file.Path saved = dir.resolve("c3.safetensors");
        try (SieveModel m = ModelFiles.builtin("fashion-c3-32")) {
            m.save(saved);
        }
        assertThat(ModelFiles.architecture(saved.toString())).contains("c3-32");
        java.nio.file.Files.writeString(dir.resolve("m.pt"), "not read");
        java.nio.file.Files.writeString(dir.resolve("junk.safetensors"), "not a checkpoint");
        assertThat(ModelFiles.architecture(dir.resolve("m.pt").toString())).isEmpty();
        assertThat(ModelFiles.architecture(dir.resolve("junk.safetensors").toString())).isEmpty();
        assertThat(ModelFiles.architecture(dir.resolve("missing.safetensors").toString())).isEmpty();
        assertThat(ModelFiles.architecture("builtin:resnet")).isEmpty();
    }

    @Test
    void builtinPrefixNamesAShippedModelAndMessagesNameTheBuiltinSpecs(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        try (DjlClassifier m = ModelFiles.open("builtin:fashion-c3-32", null, 224)) {
            assertThat(m.classes()).isEqualTo(FashionMnist.CLASSES);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ModelFiles.open("builtin:resnet", null, 224))
                .hasMessageContaining("no such built-in model").hasMessageContaining("builtin:msroi-scenes");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ModelFiles.open(dir.resolve("nope.safetensors").toString(), null, 224))
                .hasMessageContaining("no such model file").hasMessageContaining("builtin:fashion-c3-32");
    }
}
