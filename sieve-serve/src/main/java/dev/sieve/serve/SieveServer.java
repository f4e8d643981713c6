package dev.sieve.serve;

import dev.sieve.image.defense.DefenseParams;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.sieve.image.io.ImageFormatException;
import dev.sieve.image.io.SamplePhotos;
import dev.sieve.nn.msroi.MsroiModels;
import dev.sieve.nn.saliency.SaliencyModels;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * The Sieve HTTP service ({@code sieve serve}): the JSON/image API of {@code /api/*} and the web page at
 * {@code /}, on Javalin (Jetty). Requests are computed on a bounded {@link WorkerPool}; uploads are read
 * only through a private temporary folder, removed on {@link #close()}; every error is one JSON line
 * {@code {"error": "..."}}, never a stack trace.
 */
public final class SieveServer implements AutoCloseable {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS).build();
    private static final String WEB = "/dev/sieve/serve/web/";
    private static final Map<String, String> PAGES = Map.of("/", "index.html", "/app.js", "app.js", "/style.css", "style.css");

    /* Javalin's and Jetty's own logging: Jetty warnings only; Javalin off (failures reach the caller, and handler errors are logged here in one line). */
    static {
        quietLogger("org.eclipse.jetty", "warn");
        quietLogger("io.javalin", "off");
    }

    private static void quietLogger(String logger, String level) {
        String key = "org.slf4j.simpleLogger.log." + logger;
        if (System.getProperty(key) == null) {
            System.setProperty(key, level);
        }
    }

    private final ServeConfig config;
    private final Path tempDir;
    private final WorkerPool pool;
    private final UploadedImages images;
    private final CompressEndpoint compress;
    private final SaliencyEndpoint saliency;
    private final MetricsEndpoint metrics;
    private final Javalin app;

    private SieveServer(ServeConfig config) throws IOException {
        this.config = config;
        this.tempDir = Files.createTempDirectory("sieve-serve-");
        this.pool = new WorkerPool(config.workers(), config.queue(), config.timeout());
        this.images = new UploadedImages(tempDir, config.read());
        SaliencyService s = new SaliencyService(SaliencyModels.msroi(MsroiModels.DEFAULT), config.modelsDir());
        this.compress = new CompressEndpoint(s);
        this.saliency = new SaliencyEndpoint(s);
        this.metrics = new MetricsEndpoint(s);
        this.app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.http.maxRequestSize = config.maxBodyBytes();
            c.jetty.multipartConfig.cacheDirectory(tempDir.toString());
            c.jetty.multipartConfig.maxFileSize(config.maxBodyBytes(), SizeUnit.BYTES);
            c.jetty.multipartConfig.maxTotalRequestSize(config.maxBodyBytes(), SizeUnit.BYTES);
            c.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
        });
        routes();
    }

    /** Loads the saliency model, then listens on {@code config.host():config.port()}. */
    public static SieveServer start(ServeConfig config) throws IOException {
        SieveServer s = new SieveServer(config);
        try {
            s.app.start(config.host(), config.port());
        } catch (RuntimeException e) {
            s.close();
            throw new IOException("cannot listen on " + config.host() + ":" + config.port() + " (" + rootMessage(e) + ")", e);
        }
        return s;
    }

    /** The port listened on (the free one chosen for port 0). */
    public int port() {
        return app.port();
    }

    /** The private folder uploads pass through (empty between requests). */
    public Path tempDir() {
        return tempDir;
    }

    /** The version reported by {@code /api/version}: the jar's, or {@code dev} from a build folder. */
    public static String version() {
        String v = SieveServer.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    private void routes() {
        app.post("/api/compress", ctx -> {
            ApiRequest r = ApiRequest.read(ctx, config.maxBodyBytes(), CompressEndpoint.PARAMS, Set.of(ApiRequest.IMAGE));
            CompressEndpoint.Compressed c = work(() -> compress.compress(r, images));
            if (r.string("format", "jpeg").equals("json")) {
                json(ctx, 200, CompressEndpoint.json(c));
            } else {
                CompressEndpoint.headers(c.report()).forEach(ctx::header);
                ctx.contentType("image/jpeg").result(c.jpeg());
            }
        });
        app.post("/api/saliency", ctx -> {
            ApiRequest r = ApiRequest.read(ctx, config.maxBodyBytes(), SaliencyEndpoint.PARAMS, Set.of(ApiRequest.IMAGE));
            ctx.contentType("image/png").result(work(() -> saliency.png(r, images)));
        });
        app.post("/api/metrics", ctx -> {
            ApiRequest r = ApiRequest.read(ctx, config.maxBodyBytes(), MetricsEndpoint.PARAMS, MetricsEndpoint.PARTS);
            json(ctx, 200, work(() -> metrics.metrics(r, images)));
        });
        app.post("/api/defend", ctx -> {
            ApiRequest r = ApiRequest.read(ctx, config.maxBodyBytes(), DefendEndpoint.PARAMS, Set.of(ApiRequest.IMAGE));
            ctx.contentType("image/png").result(work(() -> DefendEndpoint.png(r, images)));
        });
        app.get("/api/health", ctx -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("status", "ok");
            m.put("workers", config.workers());
            m.put("queue", config.queue());
            m.put("running", pool.running());
            m.put("waiting", pool.waiting());
            json(ctx, 200, m);
        });
        app.get("/api/sample", ctx -> ctx.contentType("image/png").header("Content-Disposition", "inline; filename=\"kodim07.png\"")
                .result(SamplePhotos.kodim07Png()));
        app.get("/api/version", ctx -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sieve", version());
            m.put("java", Runtime.version().toString());
            json(ctx, 200, m);
        });
        PAGES.forEach((path, file) -> app.get(path, ctx -> page(ctx, file)));
        app.exception(ApiError.class, (e, ctx) -> {
            if (e.retryAfterSeconds() > 0) {
                ctx.header("Retry-After", Integer.toString(e.retryAfterSeconds()));
            }
            json(ctx, e.status(), Map.of("error", e.getMessage()));
        });
        app.exception(HttpResponseException.class, (e, ctx) -> json(ctx, e.getStatus(), Map.of("error", e.getStatus() == 404
                ? "no such page: " + ctx.method() + " " + DefenseParams.quote(ctx.path()) : String.valueOf(e.getMessage()))));
        app.exception(Exception.class, (e, ctx) -> {
            System.err.println("sieve serve: " + ctx.method() + " " + DefenseParams.quote(ctx.path()) + ": " + e.getClass().getSimpleName() + ": " + rootMessage(e));
            json(ctx, 500, Map.of("error", "internal error"));
        });
    }

    /** Runs {@code task} on the pool; failures a client caused become API errors, out-of-memory a 503. */
    private <T> T work(Callable<T> task) throws Exception {
        try {
            return pool.run(task);
        } catch (ImageFormatException e) {
            throw new ApiError(422, String.valueOf(e.getMessage()));
        } catch (IllegalArgumentException e) {
            throw new ApiError(422, String.valueOf(e.getMessage()));
        } catch (OutOfMemoryError e) {
            throw new ApiError(503, "out of memory; retry later or send a smaller image", WorkerPool.RETRY_AFTER_SECONDS);
        }
    }

    private static void page(Context ctx, String file) throws IOException {
        try (InputStream in = SieveServer.class.getResourceAsStream(WEB + file)) {
            if (in == null) {
                throw new ApiError(404, "page " + file + " missing from the jar");
            }
            String type = file.endsWith(".html") ? "text/html; charset=utf-8" : file.endsWith(".js") ? "text/javascript; charset=utf-8"
                    : "text/css; charset=utf-8";
            ctx.contentType(type).result(in.readAllBytes());
        }
    }

    private static void json(Context ctx, int status, Object value) {
        try {
            ctx.status(status).contentType("application/json").result(JSON.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return String.valueOf(c.getMessage()).replace('\n', ' ');
    }

    /** Stops listening and the workers, and removes the temporary folder. */
    @Override
    public void close() {
        app.stop();
        pool.close();
        try (Stream<Path> s = Files.walk(tempDir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("sieve serve: could not remove " + tempDir + ": " + e.getMessage());
        }
    }
}
