package dev.sieve.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.adversarial.defense.Defenses;
import dev.sieve.adversarial.defense.SemanticQuantization;
import dev.sieve.image.Planar;
import dev.sieve.image.io.ImageFiles;
import dev.sieve.image.io.ImageReadOptions;
import dev.sieve.image.io.SamplePhotos;
import dev.sieve.image.metrics.Channels;
import dev.sieve.image.metrics.PsnrS;
import dev.sieve.image.metrics.QualityReport;
import dev.sieve.image.saliency.SaliencyMap;
import dev.sieve.image.saliency.SpectralResidual;
import dev.sieve.jpeg.semantic.SemanticJpeg;
import dev.sieve.jpeg.semantic.SemanticMode;
import dev.sieve.jpeg.semantic.SemanticOptions;
import dev.sieve.nn.msroi.MsroiModels;
import dev.sieve.nn.msroi.MsroiOptions;
import dev.sieve.nn.msroi.Perturbations;
import dev.sieve.nn.saliency.SaliencyRecipe;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API over real HTTP on a loopback port, each answer checked against the library computing the same thing. */
class SieveServerApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The server's pixel budget: the 192 × 128 test photo fits, a 400 × 300 one does not. */
    private static final long MAX_PIXELS = 100_000;
    private static final long MAX_BODY = 2 << 20;

    private static SieveServer server;
    private static HttpClient client;
    private static byte[] photo;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws IOException {
        server = SieveServer.start(new ServeConfig("127.0.0.1", 0, 2, 8, MAX_BODY, Duration.ofSeconds(60),
                ImageReadOptions.STRICT.withMaxPixels(MAX_PIXELS)));
        client = HttpClient.newHttpClient();
        photo = TestPhotos.kodim07Png(192, 128);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    private static HttpResponse<byte[]> post(String pathAndQuery, byte[] body) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(pathAndQuery)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<byte[]> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A multipart/form-data request with file parts and text fields. */
    private static HttpResponse<byte[]> postForm(String path, Map<String, byte[]> files, Map<String, String> fields) throws Exception {
        String boundary = "sieve-" + UUID.randomUUID();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (var f : fields.entrySet()) {
            b.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n" + f.getValue() + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        for (var f : files.entrySet()) {
            b.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"; filename=\"" + f.getKey()
                    + ".bin\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            b.writeBytes(f.getValue());
            b.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        b.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return client.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(b.toByteArray())).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode json(HttpResponse<byte[]> r) throws IOException {
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        return JSON.readTree(r.body());
    }

    private static Planar png(HttpResponse<byte[]> r) throws IOException {
        assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png");
        return ImageFiles.toPlanar(ImageIO.read(new ByteArrayInputStream(r.body())), "response");
    }

    /** An error answer: the status, one JSON line {"error": ...} and nothing of a stack trace. */
    private static String error(HttpResponse<byte[]> r, int status) throws IOException {
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(status);
        JsonNode j = json(r);
        assertThat(j.size()).isEqualTo(1);
        String msg = j.get("error").asText();
        assertThat(msg).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("\n").doesNotContain(server.tempDir().toString());
        return msg;
    }

    @Test
    void compressAnswersTheLibrarysSemanticJpegWithTheReportInHeaders() throws Exception {
        HttpResponse<byte[]> r = post("/api/compress?saliency=spectral&match_quality=60", photo);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        Planar img = TestPhotos.decode(photo, tmp);
        SaliencyMap map = new SpectralResidual().compute(img).rankNormalized();
        SemanticOptions o = SemanticOptions.defaults(SemanticMode.DIRECT);
        o = new SemanticOptions(o.mode(), o.levels(), o.qLow(), o.qHigh(), o.inclusiveLevels(), 60, 0, 0, o.tolerance(), o.subsampling(),
                o.progressive(), o.blockMethod(), o.tune(), o.saliencyWeight(), o.lambdaScale());
        byte[] expected = SemanticJpeg.compress(img, map, o).jpeg();
        assertThat(r.body()).isEqualTo(expected);
        var h = r.headers();
        assertThat(h.firstValue("X-Sieve-Bytes")).hasValue(Integer.toString(expected.length));
        long ref = Long.parseLong(h.firstValue("X-Sieve-Reference-Bytes").orElseThrow());
        assertThat(Math.abs(expected.length - ref) / (double) ref).isLessThanOrEqualTo(0.01);
        assertThat(h.firstValue("X-Sieve-Width")).hasValue("192");
        assertThat(h.firstValue("X-Sieve-Mode")).hasValue("direct");
        assertThat(h.firstValue("X-Sieve-Saliency")).hasValue("spectral-residual (model-free)");
        assertThat(ImageIO.read(new ByteArrayInputStream(r.body())).getWidth()).isEqualTo(192);
    }

    @Test
    void compressAsJsonFromAMultipartFormCarriesTheReportAndTheJpeg() throws Exception {
        HttpResponse<byte[]> r = postForm("/api/compress?format=json", Map.of("image", photo), Map.of("mode", "plain", "quality", "75"));

        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        JsonNode j = json(r);
        byte[] jpeg = Base64.getDecoder().decode(j.get("jpeg_base64").asText());
        assertThat(j.get("mode").asText()).isEqualTo("plain");
        assertThat(j.get("final_quality").asDouble()).isEqualTo(75);
        assertThat(j.get("bytes").asInt()).isEqualTo(jpeg.length);
        Planar img = TestPhotos.decode(photo, tmp);
        SemanticOptions o = SemanticOptions.defaults(SemanticMode.PLAIN);
        o = new SemanticOptions(o.mode(), o.levels(), o.qLow(), o.qHigh(), o.inclusiveLevels(), o.matchQuality(), 0, 75, o.tolerance(),
                o.subsampling(), o.progressive(), o.blockMethod(), o.tune(), o.saliencyWeight(), o.lambdaScale());
        assertThat(jpeg).isEqualTo(SemanticJpeg.compress(img, null, o).jpeg());
    }

    @Test
    void saliencyIsTheMsroiMapOfTheSharedModelAndTheOverlayItsHeatColouring() throws Exception {
        HttpResponse<byte[]> map = post("/api/saliency?saliency=msroi", photo);
        HttpResponse<byte[]> overlay = post("/api/saliency?saliency=msroi&overlay=1", photo);

        assertThat(map.statusCode()).isEqualTo(200);
        assertThat(overlay.statusCode()).isEqualTo(200);
        Planar img = TestPhotos.decode(photo, tmp);
        SaliencyMap expected = new SaliencyRecipe("msroi", MsroiOptions.DEFAULT, 5, Perturbations.DEFAULT, 1)
                .compute(SemanticQuantization.model(SemanticQuantization.DEFAULT_MODEL), MsroiModels.DEFAULT, img).map().resizedTo(192, 128);
        Planar got = png(map);
        assertThat(got.channels()).isEqualTo(1);
        assertThat(got.width()).isEqualTo(192);
        assertThat(got.height()).isEqualTo(128);
        float[] want = expected.toImage().plane(0);
        for (int i = 0; i < want.length; i++) {
            assertThat(got.plane(0)[i]).isCloseTo(want[i], within(0.5f + 1e-3f));
        }
        Planar o = png(overlay);
        assertThat(o.channels()).isEqualTo(3);
        assertThat(o.width()).isEqualTo(192);
        float[] heat = dev.sieve.image.saliency.HeatOverlay.of(img, expected).plane(0);
        for (int i = 0; i < heat.length; i++) {
            assertThat(o.plane(0)[i]).isCloseTo(heat[i], within(0.5f + 1e-3f));
        }
    }

    @Test
    void defaultSaliencyIsTheAutoMapOfSieveCompress() throws Exception {
        HttpResponse<byte[]> map = post("/api/saliency", photo);

        assertThat(map.statusCode()).isEqualTo(200);
        Planar img = TestPhotos.decode(photo, tmp);
        float[] want = new SaliencyRecipe("auto", MsroiOptions.DEFAULT, 5, Perturbations.DEFAULT, 1)
                .compute(SemanticQuantization.model(SemanticQuantization.DEFAULT_MODEL), MsroiModels.DEFAULT, img).map()
                .resizedTo(192, 128).toImage().plane(0);
        float[] got = png(map).plane(0);
        for (int i = 0; i < want.length; i++) {
            assertThat(got[i]).isCloseTo(want[i], within(0.5f + 1e-3f));
        }
    }

    @Test
    void metricsAreTheQualityReportOfTheTwoPartsWithTheSentMap() throws Exception {
        byte[] jpeg = post("/api/compress?mode=plain&quality=30", photo).body();
        byte[] mapPng = post("/api/saliency?saliency=spectral", photo).body();

        HttpResponse<byte[]> r = postForm("/api/metrics", Map.of("reference", photo, "distorted", jpeg, "map", mapPng), Map.of("channels", "rgb"));

        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        JsonNode j = json(r);
        Path mapFile = Files.write(tmp.resolve("map.png"), mapPng);
        QualityReport q = QualityReport.of(TestPhotos.decode(photo, tmp), TestPhotos.decode(jpeg, tmp), SaliencyMap.read(mapFile),
                PsnrS.DEFAULT_THRESHOLD, Channels.RGB);
        double[] v = q.values();
        for (int i = 0; i < v.length; i++) {
            assertThat(j.get(QualityReport.KEYS[i]).asDouble()).as(QualityReport.KEYS[i]).isCloseTo(v[i], within(1e-9));
        }
        assertThat(j.get("psnr").asDouble()).isBetween(20.0, 40.0);
        assertThat(j.get("saliency").asText()).isEqualTo("map part");
    }

    @Test
    void defendRunsThePipelineWithItsSeed() throws Exception {
        String spec = "deflect:k=60,w=5|bitdepth:bits=4";
        HttpResponse<byte[]> a = post("/api/defend?seed=7&pipeline=" + java.net.URLEncoder.encode(spec, StandardCharsets.UTF_8), photo);
        HttpResponse<byte[]> b = post("/api/defend?seed=8&pipeline=" + java.net.URLEncoder.encode(spec, StandardCharsets.UTF_8), photo);

        assertThat(a.statusCode()).isEqualTo(200);
        Planar expected = Defenses.registry().parse(spec).apply(TestPhotos.decode(photo, tmp), 7);
        Planar got = png(a);
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < got.pixels(); i++) {
                assertThat(got.plane(c)[i]).isEqualTo((float) ImageFiles.clamp8(expected.plane(c)[i]));
            }
        }
        assertThat(Arrays.equals(a.body(), b.body())).as("another seed deflects other pixels").isFalse();
    }

    @Test
    void defendRefusesParametersThatNameServerFiles() throws Exception {
        for (String spec : new String[] {"deflect:map=/etc/hostname", "msroi-jpeg:model=/etc/hostname"}) {
            String msg = error(post("/api/defend?pipeline=" + java.net.URLEncoder.encode(spec, StandardCharsets.UTF_8), photo), 400);
            assertThat(msg).contains("reads no files on the server");
        }
        assertThat(error(post("/api/defend?pipeline=nonsense", photo), 400)).contains("unknown defense");
    }

    @Test
    void badInputGetsOneJsonErrorWithAFittingStatus() throws Exception {
        assertThat(error(post("/api/compress", new byte[0]), 400)).contains("no image");
        assertThat(error(post("/api/compress", "not an image".getBytes(StandardCharsets.UTF_8)), 415)).contains("not a PNG, JPEG");
        assertThat(error(post("/api/compress", Arrays.copyOf(photo, photo.length / 2)), 422)).contains("truncated");
        assertThat(error(post("/api/compress?mode=fast", photo), 400)).contains("mode must be");
        assertThat(error(post("/api/compress?match_quality=abc", photo), 400)).contains("match_quality must be a number");
        assertThat(error(post("/api/compress?levels=99999999999", photo), 400)).contains("levels");
        assertThat(error(post("/api/compress?colour=1", photo), 400)).contains("unknown parameter 'colour'");
        assertThat(error(post("/api/compress?quality=80&target_bytes=1000", photo), 400)).contains("cannot be combined");
        assertThat(error(postForm("/api/metrics", Map.of("reference", photo), Map.of()), 400)).contains("'distorted'");
        assertThat(error(postForm("/api/metrics", Map.of("reference", photo, "distorted", TestPhotos.kodim07Png(96, 64)), Map.of()), 422))
                .contains("differ in size");
        assertThat(error(get("/api/nothing-here"), 404)).isEqualTo("no such page: GET '/api/nothing-here'");
        assertThat(error(get("/api/compress"), 404)).contains("no such page: GET");
        assertThat(error(get("/" + "x".repeat(2000)), 404)).hasSizeLessThan(100);
    }

    @Test
    void imagesOverThePixelBudgetAndBodiesOverTheLimitGet413() throws Exception {
        assertThat(error(post("/api/compress", TestPhotos.kodim07Png(400, 300)), 413)).contains("over the limit of " + MAX_PIXELS + " pixels");
        byte[] big = new byte[(int) MAX_BODY + 1];
        assertThat(error(post("/api/saliency", big), 413)).contains("over the limit of " + MAX_BODY + " bytes");
        assertThat(error(postForm("/api/saliency", Map.of("image", big), Map.of()), 413)).contains("over the limit");
    }

    @Test
    void aFusionTunedWithEvalSaliencyIsASaliencyMethodAndABadOneA400() throws Exception {
        String mix = java.net.URLEncoder.encode("mix:boundary=1+spectral=0.5/low=0.3", StandardCharsets.UTF_8);
        HttpResponse<byte[]> map = post("/api/saliency?saliency=" + mix, photo);
        assertThat(map.statusCode()).isEqualTo(200);
        assertThat(png(map).width()).isEqualTo(192);
        String bad = java.net.URLEncoder.encode("mix:boundary=1+sky=2", StandardCharsets.UTF_8);
        assertThat(error(post("/api/compress?saliency=" + bad, photo), 400)).contains("mix source must be");
    }

    @Test
    void everySaliencyMethodOfTheWebPageIsOneTheServiceRuns() throws Exception {
        String page;
        try (var in = SieveServer.class.getResourceAsStream("/dev/sieve/serve/web/index.html")) {
            page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String menu = page.substring(page.indexOf("<select id=\"saliency\">"));
        menu = menu.substring(0, menu.indexOf("</select>"));
        var values = java.util.regex.Pattern.compile("value=\"([^\"]+)\"").matcher(menu).results().map(m -> m.group(1)).toList();
        assertThat(values).contains("auto", "msroi", "spectral", "objects", "faces", "people", "boundary", "center", "focus");
        for (String method : values) {
            HttpResponse<byte[]> r = post("/api/saliency?saliency=" + method, photo);
            if (r.statusCode() == 400) {
                assertThat(error(r, 400)).as(method).contains("is not available on this server");
            } else {
                assertThat(r.statusCode()).as(method).isEqualTo(200);
            }
        }
    }

    @Test
    void uploadsLeaveNoFileBehind() throws Exception {
        post("/api/compress?mode=plain", photo);
        postForm("/api/saliency", Map.of("image", photo), Map.of("saliency", "spectral"));
        post("/api/compress", "not an image".getBytes(StandardCharsets.UTF_8));
        try (var files = Files.list(server.tempDir())) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void healthAndVersionAnswerJson() throws Exception {
        JsonNode h = json(get("/api/health"));
        assertThat(h.get("status").asText()).isEqualTo("ok");
        assertThat(h.get("workers").asInt()).isEqualTo(2);
        assertThat(h.get("queue").asInt()).isEqualTo(8);
        JsonNode v = json(get("/api/version"));
        assertThat(v.get("sieve").asText()).isNotBlank();
        assertThat(v.get("java").asText()).startsWith(Integer.toString(Runtime.version().feature()));
    }

    @Test
    void theBuiltInPhotoIsServedAsAPngTheDecoderReads() throws Exception {
        HttpResponse<byte[]> r = get("/api/sample");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png");
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(r.body()));
        assertThat(img.getWidth()).isEqualTo(768);
        assertThat(img.getHeight()).isEqualTo(512);
        assertThat(r.body()).isEqualTo(SamplePhotos.kodim07Png());
    }

    @Test
    void thePageAndItsScriptAreServedFromTheJar() throws Exception {
        HttpResponse<byte[]> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        String html = new String(page.body(), StandardCharsets.UTF_8);
        assertThat(html).contains("<script src=\"/app.js\">").doesNotContain("http://").doesNotContain("https://");
        assertThat(get("/app.js").statusCode()).isEqualTo(200);
        assertThat(get("/style.css").statusCode()).isEqualTo(200);
    }
}
