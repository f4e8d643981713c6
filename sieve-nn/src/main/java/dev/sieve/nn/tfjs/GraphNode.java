package dev.sieve.nn.tfjs;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One node of a TF.js graph model's {@code modelTopology.node}: its name, op, data inputs (as
 * {@code node} or {@code node:k} for output k; control inputs {@code ^node} dropped) and attributes
 * in TensorFlow's JSON encoding (strings base64, integers as strings).
 */
record GraphNode(String name, String op, List<String> inputs, JsonNode attr) {
    static GraphNode of(JsonNode n) {
        List<String> in = new ArrayList<>();
        for (JsonNode i : n.path("input")) {
            String s = i.asText();
            if (!s.startsWith("^")) {
                in.add(s);
            }
        }
        return new GraphNode(n.path("name").asText(), n.path("op").asText(), List.copyOf(in), n.path("attr"));
    }

    /** A string attribute, or {@code dflt} when absent. */
    String string(String key, String dflt) {
        JsonNode s = attr.path(key).get("s");
        return s == null ? dflt : new String(Base64.getDecoder().decode(s.asText()), StandardCharsets.UTF_8);
    }

    /** A list-of-strings attribute (empty when absent). */
    List<String> strings(String key) {
        List<String> out = new ArrayList<>();
        for (JsonNode s : attr.path(key).path("list").path("s")) {
            out.add(new String(Base64.getDecoder().decode(s.asText()), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** A list-of-ints attribute (empty when absent). */
    long[] ints(String key) {
        JsonNode l = attr.path(key).path("list").path("i");
        long[] out = new long[l.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = l.get(k).asLong();
        }
        return out;
    }

    /** A shape attribute's dimensions (−1 where unknown; empty when absent or of unknown rank). */
    long[] shape(String key) {
        JsonNode d = attr.path(key).path("shape").path("dim");
        long[] out = new long[d.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = d.get(k).path("size").asLong(0);
        }
        return out;
    }

    /** An int attribute, or {@code dflt} when absent. */
    long integer(String key, long dflt) {
        JsonNode i = attr.path(key).get("i");
        return i == null ? dflt : i.asLong();
    }

    /** A bool attribute, or {@code dflt} when absent. */
    boolean bool(String key, boolean dflt) {
        JsonNode b = attr.path(key).get("b");
        return b == null ? dflt : b.asBoolean();
    }

    /** A float attribute, or {@code dflt} when absent. */
    float real(String key, float dflt) {
        JsonNode f = attr.path(key).get("f");
        return f == null ? dflt : (float) f.asDouble();
    }

    /** A type attribute (e.g. {@code DT_FLOAT}), or {@code dflt} when absent. */
    String type(String key, String dflt) {
        JsonNode t = attr.path(key).get("type");
        return t == null ? dflt : t.asText();
    }

    /** The producing node of input {@code k} and the output index it reads. */
    static String producer(String input) {
        int c = input.lastIndexOf(':');
        return c < 0 ? input : input.substring(0, c);
    }

    static int outputIndex(String input) {
        int c = input.lastIndexOf(':');
        return c < 0 ? 0 : Integer.parseInt(input.substring(c + 1));
    }
}
