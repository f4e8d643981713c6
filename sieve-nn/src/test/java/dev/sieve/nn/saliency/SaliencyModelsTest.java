package dev.sieve.nn.saliency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.nn.data.Normalization;
import dev.sieve.nn.model.InputSpec;
import dev.sieve.nn.model.ModelInfo;
import dev.sieve.nn.model.SieveModel;
import dev.sieve.nn.msroi.MsroiModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SaliencyModelsTest {
    @TempDir
    Path dir;

    private static Path save(String arch, Path file) throws Exception {
        ModelInfo info = new ModelInfo(arch, List.of("a", "b", "c"),
                new InputSpec(3, 32, 32, new Normalization(new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.25f, 0.25f, 0.25f})), "test");
        try (SieveModel m = SieveModel.create(info, 3)) {
            m.save(file);
        }
        return file;
    }

    @Test
    void aModelIsOpenedOncePerProcessHoweverItIsSpelled() throws Exception {
        assertThat(SaliencyModels.open(MsroiModels.DEFAULT)).isSameAs(SaliencyModels.open("builtin:" + MsroiModels.DEFAULT))
                .isSameAs(SaliencyModels.msroi(MsroiModels.DEFAULT));
        Path file = save("msroi-2-4x2", dir.resolve("tiny.safetensors"));
        SieveModel m = SaliencyModels.msroi(file.toString());
        assertThat(SaliencyModels.open(dir.resolve(".").resolve("tiny.safetensors").toString())).isSameAs(m);
        assertThat(m).isNotSameAs(SaliencyModels.open(MsroiModels.DEFAULT));
    }

    @Test
    void aFileRewrittenInPlaceIsOpenedAgain() throws Exception {
        Path file = save("msroi-2-4x2", dir.resolve("m.safetensors"));
        SieveModel first = SaliencyModels.msroi(file.toString());
        save("msroi-2-4x2", file);
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5000));
        assertThat(SaliencyModels.msroi(file.toString())).isNotSameAs(first);
    }

    @Test
    void aModelThatIsNoMsroiNetworkOrNoFileIsOneLine() throws Exception {
        Path classifier = save("c1-2-gap", dir.resolve("c.safetensors"));
        assertThatThrownBy(() -> SaliencyModels.msroi(classifier.toString()))
                .hasMessage(classifier + ": c1-2-gap is not an MS-ROI network (msroi-S-WxD, msroi-vgg16, msroi-resnet…)");
        assertThat(SaliencyModels.open(classifier.toString()).numClasses()).isEqualTo(3);
        assertThatThrownBy(() -> SaliencyModels.open(dir.resolve("missing.safetensors").toString()))
                .hasMessageStartingWith(dir.resolve("missing.safetensors") + ": no such model file").hasMessageNotContaining("\n");
    }
}
