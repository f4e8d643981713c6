package dev.sieve.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON of commands: pretty-printed reports or single lines (JSON Lines, checkpoints), keys in insertion
 * order, ±Infinity/NaN written as strings, record components as snake_case keys. Every document Sieve
 * writes starts with {@link #document}'s {@code "schema": "sieve.COMMAND"} and {@code "version"}, and its
 * keys are snake_case.
 */
final class Json {
    /** The version of every schema; raised for a change that breaks readers of a document. */
    static final int VERSION = 1;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private Json() {
    }

    /**
     * A new document of {@code command} (e.g. {@code compress}, {@code eval.defense}): an ordered map holding
     * {@code "schema": "sieve.COMMAND"} and {@code "version"}, to which the command adds its fields.
     */
    static Map<String, Object> document(String command) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("schema", "sieve." + command);
        d.put("version", VERSION);
        return d;
    }

    /** {@code value} on one line (JSON Lines). */
    static String line(Object value) {
        try {
            return MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /**
     * A report file's top level: {@code "schema": "sieve.COMMAND"} (subcommands joined by dots, e.g.
     * {@code sieve.eval.defense}) and {@code "version": 1}, then {@code body}'s keys.
     */
    static Map<String, Object> report(String command, Map<String, ?> body) {
        Map<String, Object> m = document(command);
        m.putAll(body);
        return m;
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }
}
