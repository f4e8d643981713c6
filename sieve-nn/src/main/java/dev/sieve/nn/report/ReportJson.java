package dev.sieve.nn.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.sieve.image.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON of every document Sieve writes (command output, report files, checkpoints): pretty-printed or
 * single lines (JSON Lines), keys in insertion order, ±Infinity/NaN written as strings, record components as
 * snake_case keys. A document starts with {@code "schema": "sieve.COMMAND"} and {@code "version"}.
 */
public final class ReportJson {
    /** The version of every schema; raised for a change that breaks readers of a document. */
    public static final int VERSION = 1;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private ReportJson() {
    }

    /**
     * A new document of {@code command} (subcommands joined by dots, e.g. {@code eval.defense}): an ordered map
     * holding {@code "schema": "sieve.COMMAND"} and {@code "version"}, to which the caller adds its fields.
     */
    public static Map<String, Object> document(String command) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("schema", "sieve." + command);
        d.put("version", VERSION);
        return d;
    }

    /** {@link #document} of {@code command} followed by {@code body}'s keys. */
    public static Map<String, Object> report(String command, Map<String, ?> body) {
        Map<String, Object> m = document(command);
        m.putAll(body);
        return m;
    }

    /** {@code value} pretty-printed. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** {@code value} on one line (JSON Lines). */
    public static String line(Object value) {
        try {
            return MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** {@code value} pretty-printed with a final newline, as the bytes of a report file. */
    public static byte[] bytes(Object value) {
        return (write(value) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Writes {@link #bytes} of {@code value} to {@code file} atomically. */
    public static void writeFile(Path file, Object value) throws IOException {
        AtomicFiles.write(file, bytes(value));
    }

    /** Sieve's version from its jar's manifest (e.g. {@code 0.1.0}), null when run outside the jar (tests, IDE). */
    private static String version() {
        return ReportJson.class.getPackage().getImplementationVersion();
    }

    /** The software that wrote a report: {@code sieve VERSION (Java VERSION)}, {@code dev} when run outside the jar. */
    public static String software() {
        String v = version();
        return "sieve " + (v == null ? "dev" : v) + " (Java " + Runtime.version() + ")";
    }
}
