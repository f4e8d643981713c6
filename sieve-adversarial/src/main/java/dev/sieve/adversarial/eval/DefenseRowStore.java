package dev.sieve.adversarial.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checkpoint of a {@link DefenseEvaluation}: a JSON Lines file ({@code checkpoint.jsonl} in a report
 * folder), its first line the run's parameters, then one computed row per line, appended as soon as it
 * exists. Resuming a run with the same parameters takes the stored rows and computes the rest; a torn
 * last line (the run was killed while writing it) is ignored.
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
    private final Map<String, EvaluationRow> rows = new HashMap<>();

    private DefenseRowStore(Path file) {
        this.file = file;
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
            return store;
        }
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

    private static String line(Object value) throws JsonProcessingException {
        return MAPPER.writeValueAsString(value);
    }
}
