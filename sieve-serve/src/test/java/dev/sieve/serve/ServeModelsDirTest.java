package dev.sieve.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.sieve.image.Planar;
import dev.sieve.image.io.ImageFiles;
import dev.sieve.image.io.ImageReadOptions;
import dev.sieve.nn.msroi.MsroiModels;
import dev.sieve.nn.msroi.MsroiOptions;
import dev.sieve.nn.msroi.Perturbations;
import dev.sieve.nn.saliency.SaliencyModels;
import dev.sieve.nn.saliency.SaliencyRecipe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ServeConfig.modelsDir} (sieve serve --models-dir) is where the service's auto map finds its detectors. */
class ServeModelsDirTest {
    @TempDir
    Path tmp;

    @Test
    void theAutoMapUsesTheDetectorsOfTheConfiguredFolder() throws Exception {
        Path empty = Files.createDirectory(tmp.resolve("no-detectors"));
        byte[] photo = TestPhotos.kodim07Png(192, 128);
        Planar img = TestPhotos.decode(photo, tmp);
        float[] withoutDetectors = auto(empty.toString(), img);
        float[] withDefaultDetectors = auto(null, img);
        try (SieveServer server = SieveServer.start(new ServeConfig("127.0.0.1", 0, 1, 2, 1 << 20, Duration.ofSeconds(60),
                ImageReadOptions.STRICT, empty.toString()))) {
            HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/api/saliency")).POST(HttpRequest.BodyPublishers.ofByteArray(photo)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            float[] got = ImageFiles.read(Files.write(tmp.resolve("map.png"), r.body())).plane(0);
            for (int i = 0; i < got.length; i++) {
                assertThat(got[i]).isCloseTo(withoutDetectors[i], within(0.5f + 1e-3f));
            }
            assumeFalse(Arrays.equals(withoutDetectors, withDefaultDetectors),
                    "the default models folder has no detector that changes this photo's map (scripts/fetch-models)");
            assertThat(got).isNotEqualTo(withDefaultDetectors);
        }
    }

    @Test
    void aDetectorMapNeedsItsModelInTheConfiguredFolder() throws Exception {
        Path empty = Files.createDirectory(tmp.resolve("no-detectors"));
        byte[] photo = TestPhotos.kodim07Png(192, 128);
        try (SieveServer server = SieveServer.start(new ServeConfig("127.0.0.1", 0, 1, 2, 1 << 20, Duration.ofSeconds(60),
                ImageReadOptions.STRICT, empty.toString()))) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/api/saliency?saliency=faces")).POST(HttpRequest.BodyPublishers.ofByteArray(photo)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("faces is not available on this server");
        }
        Path models = dev.sieve.nn.detect.ModelsDirectory.resolve(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(models.resolve(dev.sieve.nn.detect.Detectors.modelOf("faces") + ".json")), "no detector models in " + models);
        try (SieveServer server = SieveServer.start(new ServeConfig("127.0.0.1", 0, 1, 2, 1 << 20, Duration.ofSeconds(60),
                ImageReadOptions.STRICT, models.toString()))) {
            HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/api/saliency?saliency=faces")).POST(HttpRequest.BodyPublishers.ofByteArray(photo)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(ImageFiles.read(Files.write(tmp.resolve("faces.png"), r.body())).width()).isEqualTo(192);
        }
    }

    private static float[] auto(String modelsDir, Planar img) throws Exception {
        return new SaliencyRecipe("auto", MsroiOptions.DEFAULT, 5, Perturbations.DEFAULT, 1, modelsDir)
                .compute(SaliencyModels.msroi(MsroiModels.DEFAULT), MsroiModels.DEFAULT, img).map()
                .resizedTo(img.width(), img.height()).toImage().plane(0);
    }
}
