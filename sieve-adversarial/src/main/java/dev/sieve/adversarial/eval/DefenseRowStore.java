package dev.sieve.adversarial.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.sieve.adversarial.attack.AttackResult;
import dev.sieve.image.Planar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checkpoint of a {@link DefenseEvaluation}: a JSON Lines file ({@code checkpoint.jsonl} in a report
 * folder), its first line the run's parameters, then one computed row per line, appended as soon as it
 * exists. Resuming a run with the same parameters takes the stored rows and computes the rest; a torn
 * last line (the run was killed while writing it) is ignored. The attacks' crafted batches go beside it
 * ({@code checkpoint-batches.jsonl}: predictions, success, norms and the images as base64 little-endian
 * float32 planes), so a resumed run continues an attack from its last batch; {@link #complete} deletes them.
 */
public final class DefenseRowStore implements DefenseEvaluation.Checkpoint {
    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS).build();

    /** Resuming a checkpoint that holds a run with other parameters. */
    public static final class OtherRun extends IllegalArgumentException {
        OtherRun(String message) {
            super(message);
        }
    }

    private final Path file;
    private final Path batchFile;
    private final Map<String, EvaluationRow> rows = new HashMap<>();
    private final Map<String, JsonNode> batches = new HashMap<>();

    private DefenseRowStore(Path file) {
        this.file = file;
        String name = file.getFileName().toString();
        this.batchFile = file.resolveSibling((name.endsWith(".jsonl") ? name.substring(0, name.length() - 6) : name) + "-batches.jsonl");
    }

    /**
     * The store at {@code file} for a run with {@code parameters}: with {@code resume}, the rows of a
     * stored run with equal parameters (a stored run with other parameters is an {@link OtherRun});
     * without, a new, empty store (an old one is replaced).
     */
    public static DefenseRowStore open(Path file, Map<String, Object> parameters, boolean resume) throws IOException {
        DefenseRowStore store = new DefenseRowStore(file);
        String header = line(parameters);
        if (resume && Files.exists(file)) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !MAPPER.readTree(lines.get(0)).equals(MAPPER.readTree(header))) {
                throw new OtherRun(file + " holds a run with other parameters (" + (lines.isEmpty() ? "empty" : lines.get(0)) + ")");
            }
            for (String line : lines.subList(1, lines.size())) {
                try {
                    JsonNode n = MAPPER.readTree(line);
                    store.rows.put(n.get("key").asText(), MAPPER.treeToValue(n.get("row"), EvaluationRow.class));
                } catch (JsonProcessingException | NullPointerException e) {
                    // a line cut short when the run was killed: computed again
                }
            }
            if (Files.exists(store.batchFile)) {
                for (String line : Files.readAllLines(store.batchFile, StandardCharsets.UTF_8)) {
                    try {
                        JsonNode n = MAPPER.readTree(line);
                        store.batches.put(n.get("key").asText(), n.get("batch"));
                    } catch (JsonProcessingException | NullPointerException e) {
                        // torn last line: that batch is crafted again
                    }
                }
            }
            return store;
        }
        Files.deleteIfExists(store.batchFile);
        Files.createDirectories(file.getParent());
        Files.writeString(file, header + "\n", StandardCharsets.UTF_8);
        return store;
    }

    /** How many rows the store held when opened or has saved since. */
    public int size() {
        return rows.size();
    }

    @Override
    public EvaluationRow find(String key) {
        return rows.get(key);
    }

    @Override
    public void save(String key, EvaluationRow row) {
        rows.put(key, row);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("key", key);
        line.put("row", row);
        try {
            Files.writeString(file, line(line) + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND,
                    StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot save the checkpoint (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public AttackResult findBatch(String key) {
        JsonNode b = batches.get(key);
        if (b == null) {
            return null;
        }
        try {
            List<Planar> images = new ArrayList<>();
            for (JsonNode img : b.get("images")) {
                int w = img.get("width").asInt(), h = img.get("height").asInt(), c = img.get("channels").asInt();
                FloatBuffer f = ByteBuffer.wrap(Base64.getDecoder().decode(img.get("samples").asText())).order(ByteOrder.LITTLE_ENDIAN)
                        .asFloatBuffer();
                float[][] planes = new float[c][w * h];
                for (float[] plane : planes) {
                    f.get(plane);
                }
                images.add(new Planar(w, h, planes));
            }
            return new AttackResult(images, MAPPER.treeToValue(b.get("predicted"), int[].class),
                    MAPPER.treeToValue(b.get("success"), boolean[].class), MAPPER.treeToValue(b.get("l2"), double[].class),
                    MAPPER.treeToValue(b.get("linf"), double[].class));
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public void saveBatch(String key, AttackResult batch) {
        List<Map<String, Object>> images = new ArrayList<>();
        for (Planar p : batch.images()) {
            ByteBuffer bytes = ByteBuffer.allocate(4 * p.channels() * p.pixels()).order(ByteOrder.LITTLE_ENDIAN);
            for (int c = 0; c < p.channels(); c++) {
                bytes.asFloatBuffer().position(c * p.pixels()).put(p.plane(c));
            }
            Map<String, Object> img = new LinkedHashMap<>();
            img.put("width", p.width());
            img.put("height", p.height());
            img.put("channels", p.channels());
            img.put("samples", Base64.getEncoder().encodeToString(bytes.array()));
            images.add(img);
        }
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("predicted", batch.predicted());
        b.put("success", batch.success());
        b.put("l2", batch.l2());
        b.put("linf", batch.linf());
        b.put("images", images);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("key", key);
        line.put("batch", b);
        try {
            Files.writeString(batchFile, line(line) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException(batchFile + ": cannot save the checkpoint (" + e.getMessage() + ")", e);
        }
    }

    /** The run is complete: its crafted batches are no longer needed. */
    public void complete() throws IOException {
        batches.clear();
        Files.deleteIfExists(batchFile);
    }

    private static String line(Object value) throws JsonProcessingException {
        return MAPPER.writeValueAsString(value);
    }
}
