package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sieve.nn.detect.ModelsDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --saliency objects|faces|people} in sieve saliency and sieve compress; the models are used when scripts/fetch-models has fetched them. */
class DetectorSourcesTest {
    static final Path ASTRONAUT = Path.of("/usr/lib/python3/dist-packages/skimage/data/astronaut.png");

    @TempDir
    Path tmp;

    @Test
    void missingModelsDirectoryIsOneLineAndNoOutput() {
        Path map = tmp.resolve("map.png");
        Path missing = tmp.resolve("no-models");
        CliRun r = CliRun.of("saliency", "--saliency", "faces", "--models-dir", missing.toString(), "-o", map.toString(), "-");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("sieve saliency: models directory " + missing
                + " does not exist (scripts/fetch-models " + missing + " fetches the detector models; SIEVE_MODELS points elsewhere) (--models-dir names another folder)");
        assertThat(map).doesNotExist();
    }

    @Test
    void missingModelFileIsNamed() throws Exception {
        Path models = Files.createDirectory(tmp.resolve("models"));
        CliRun r = CliRun.of("compress", "--saliency", "objects", "--models-dir", models.toString(), "-o", tmp.resolve("x.jpg").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("sieve compress: " + models.resolve("centernet.json") + " is missing (scripts/fetch-models " + models + " fetches it)");
        assertThat(tmp.resolve("x.jpg")).doesNotExist();
    }

    @Test
    void benchDetectorsTimesEverySourceAndRefusesABadSize() throws Exception {
        assertThat(CliRun.of("bench", "detectors", "--size", "1920by1080").exitCode()).isEqualTo(2);
        Path dir = ModelsDirectory.resolve(null);
        boolean ready = ModelsDirectory.has(dir, "centernet") && ModelsDirectory.has(dir, "blazeface") && ModelsDirectory.has(dir, "selfie");
        if (!ready) {
            System.err.println("SKIPPED: detector models missing in " + dir + " (scripts/fetch-models)");
        }
        assumeTrue(ready, "detector models missing in " + dir + " (scripts/fetch-models)");
        CliRun r = CliRun.of("bench", "detectors", "--size", "320x180", "--rounds", "1", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        com.fasterxml.jackson.databind.JsonNode j = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertThat(j.get("image").asText()).isEqualTo("320x180");
        assertThat(j.get("results")).hasSize(4);
        for (com.fasterxml.jackson.databind.JsonNode row : j.get("results")) {
            assertThat(row.get("milliseconds").asDouble()).isPositive();
        }
        assertThat(j.get("results").get(1).get("source").asText()).isEqualTo("objects");
    }

    @Test
    void facesMapAndJsonNameTheDetection() throws Exception {
        Path dir = ModelsDirectory.resolve(null);
        boolean ready = ModelsDirectory.has(dir, "blazeface") && ModelsDirectory.has(dir, "selfie") && Files.isRegularFile(ASTRONAUT);
        if (!ready) {
            System.err.println("SKIPPED: detector models (scripts/fetch-models) or " + ASTRONAUT + " missing");
        }
        assumeTrue(ready, "detector models (scripts/fetch-models) or " + ASTRONAUT + " missing");
        Path map = tmp.resolve("faces.png");
        CliRun r = CliRun.of("saliency", "--saliency", "faces", "--json", ASTRONAUT.toString(), "-o", map.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"method\" : \"faces\"", "\"label\" : \"face\"", "blazeface.json");
        assertThat(map).isRegularFile();

        Path jpg = tmp.resolve("people.jpg");
        CliRun c = CliRun.of("compress", "--saliency", "people", "--json", ASTRONAUT.toString(), "-o", jpg.toString());
        assertThat(c.exitCode()).as(c.err()).isZero();
        assertThat(c.out()).contains("people ").contains("selfie.json");
        assertThat(jpg).isRegularFile();
    }
}
