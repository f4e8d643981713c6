package dev.sieve.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sieve.adversarial.eval.DefenseEvaluation;
import dev.sieve.adversarial.eval.EvaluationRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The checkpoint of {@code eval defense}: {@code checkpoint.jsonl} in the report folder, its first
 * line the run's parameters, then one computed row per line, appended as soon as it exists. With
 * {@code --resume} a run with the same parameters takes the stored rows and computes the rest; a
 * torn last line (the run was killed while writing it) is ignored.
 */
final class DefenseRowStore implements DefenseEvaluation.Checkpoint {
    private final Path file;
    private final Map<String, EvaluationRow> rows = new HashMap<>();

    private DefenseRowStore(Path file) {
        this.file = file;
    }

    /**
     * The store at {@code file} for a run with {@code parameters}: with {@code resume}, the rows of a
     * stored run with equal parameters (a stored run with other parameters is refused); without, a new,
     * empty store (an old one is replaced).
     */
    static DefenseRowStore open(Path file, Map<String, Object> parameters, boolean resume) throws IOException {
        DefenseRowStore store = new DefenseRowStore(file);
        String header = Json.line(parameters);
        if (resume && Files.exists(file)) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !Json.tree(lines.get(0)).equals(Json.tree(header))) {
                throw new UsageError(file + " holds a run with other parameters (" + (lines.isEmpty() ? "empty" : lines.get(0))
                        + "); use another --out, or leave out --resume to start over");
            }
            for (String line : lines.subList(1, lines.size())) {
                try {
                    JsonNode n = Json.tree(line);
                    store.rows.put(n.get("key").asText(), Json.convert(n.get("row"), EvaluationRow.class));
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
    int size() {
        return rows.size();
    }

    @Override
    public EvaluationRow find(String key) {
        return rows.get(key);
    }

    @Override
    public void save(String key, EvaluationRow row) {
        rows.put(key, row);
        try {
            String line = Json.line(Map.of("key", key, "row", row)) + "\n";
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot save the checkpoint (" + e.getMessage() + ")", e);
        }
    }
}
