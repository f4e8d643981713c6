package dev.sieve.image.defense;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code key=value,…} parameters of one pipeline stage, with typed getters that fail with one
 * clear line naming the stage, the key and the bad value.
 */
public final class DefenseParams {
    private final String stage;
    private final Map<String, String> values;

    private DefenseParams(String stage, Map<String, String> values) {
        this.stage = stage;
        this.values = values;
    }

    /** Parses {@code text} ({@code k=v,k=v}, may be empty) of stage {@code stage}. */
    public static DefenseParams parse(String stage, String text) {
        Map<String, String> values = new LinkedHashMap<>();
        if (!text.isBlank()) {
            for (String part : text.split(",", -1)) {
                int eq = part.indexOf('=');
                String key = eq < 0 ? part.strip() : part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                if (eq <= 0 || key.isEmpty()) {
                    throw new IllegalArgumentException("stage '" + stage + "': expected key=value, got " + quote(part.strip()));
                }
                if (values.put(key, part.substring(eq + 1).strip()) != null) {
                    throw new IllegalArgumentException("stage '" + stage + "': parameter " + quote(key) + " given twice");
                }
            }
        }
        return new DefenseParams(stage, values);
    }

    /** Fails when a key other than {@code known} was given. */
    public DefenseParams allow(String... known) {
        List<String> k = List.of(known);
        for (String key : values.keySet()) {
            if (!k.contains(key)) {
                throw new IllegalArgumentException("stage '" + stage + "': unknown parameter " + quote(key) + " (known: "
                        + String.join(", ", known) + ")");
            }
        }
        return this;
    }

    public String stage() {
        return stage;
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public String string(String key, String fallback) {
        String v = values.get(key);
        if (v != null && v.isEmpty()) {
            throw bad(key, v, "a value");
        }
        return v == null ? fallback : v;
    }

    public int integer(String key, int fallback) {
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw bad(key, v, "an integer");
        }
    }

    public double number(String key, double fallback) {
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d)) {
                throw bad(key, v, "a finite number");
            }
            return d;
        } catch (NumberFormatException e) {
            throw bad(key, v, "a number");
        }
    }

    public boolean bool(String key, boolean fallback) {
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on":
                return true;
            case "false", "no", "0", "off":
                return false;
            default:
                throw bad(key, v, "true or false");
        }
    }

    /** Fails with one line naming the stage and key. */
    public IllegalArgumentException bad(String key, String value, String expected) {
        return new IllegalArgumentException("stage '" + stage + "': " + key + " must be " + expected + ", got " + quote(value));
    }

    /** {@code e} from building this stage's options, its message prefixed with the stage once. */
    public IllegalArgumentException invalid(IllegalArgumentException e) {
        String m = String.valueOf(e.getMessage());
        return m.startsWith("stage '") ? e : new IllegalArgumentException("stage '" + stage + "': " + m, e);
    }

    /**
     * {@code text} in single quotes for a one-line message: control characters (line breaks
     * included) shown as {@code \\uXXXX}, the result cut to 40 characters, so a hostile value can
     * neither flood the message nor break it into lines.
     */
    public static String quote(String text) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        for (; i < text.length() && sb.length() < 40; i++) {
            char c = text.charAt(i);
            sb.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return "'" + sb + (i < text.length() ? "…' (" + text.length() + " characters)" : "'");
    }
}
