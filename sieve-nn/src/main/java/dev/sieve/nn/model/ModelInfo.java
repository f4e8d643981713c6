package dev.sieve.nn.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sieve.nn.data.Normalization;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a Sieve checkpoint says about its model so that the file alone suffices: architecture name
 * ({@link Architectures}), class names, input spec, and a free-text note on the training data.
 */
public record ModelInfo(String architecture, List<String> classes, InputSpec input, String trainedOn) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public ModelInfo {
        classes = List.copyOf(classes);
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one class");
        }
        trainedOn = trainedOn == null ? "" : trainedOn;
    }

    /** As JSON (the {@code sieve.model} metadata entry of a checkpoint). */
    public String toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("architecture", architecture);
        o.putPOJO("classes", classes);
        o.put("channels", input.channels());
        o.put("height", input.height());
        o.put("width", input.width());
        o.putPOJO("mean", input.normalization().mean());
        o.putPOJO("std", input.normalization().std());
        o.put("trained_on", trainedOn);
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses {@link #toJson()} output (or the older {@code trainedOn} spelling); {@code source} names the file in errors. */
    public static ModelInfo fromJson(String json, String source) {
        try {
            JsonNode o = JSON.readTree(json);
            List<String> classes = new ArrayList<>();
            o.path("classes").forEach(c -> classes.add(c.asText()));
            float[] mean = floats(o.path("mean")), std = floats(o.path("std"));
            InputSpec spec = new InputSpec(o.path("channels").asInt(), o.path("height").asInt(), o.path("width").asInt(),
                    new Normalization(mean, std));
            String arch = o.path("architecture").asText();
            if (arch.isEmpty()) {
                throw new IllegalArgumentException("no architecture");
            }
            return new ModelInfo(arch, classes, spec, o.path(o.has("trained_on") ? "trained_on" : "trainedOn").asText());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(source + ": bad Sieve model description (" + e.getMessage() + ")", e);
        }
    }

    private static float[] floats(JsonNode a) {
        float[] f = new float[a.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) a.get(i).asDouble();
        }
        return f;
    }
}
