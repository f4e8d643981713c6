package dev.sieve.serve;

import dev.sieve.image.defense.DefenseParams;
import io.javalin.http.Context;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What one API request sent, read on the connection's thread before any work is queued: its
 * parameters (query string, and the fields of a multipart form) and its images (the body itself,
 * or multipart file parts by name). Unknown parameters and oversized bodies are refused here.
 */
record ApiRequest(Map<String, String> params, Map<String, byte[]> images) {
    /** The name of the image part that may also be sent as the whole body. */
    static final String IMAGE = "image";
    /** Longest form field value, bytes. */
    private static final int MAX_FIELD = 64 << 10;

    /**
     * Reads {@code ctx}: parameters must be among {@code allowed}; image parts among {@code parts} (a
     * non-multipart body is the part {@link #IMAGE}).
     */
    static ApiRequest read(Context ctx, long maxBody, Set<String> allowed, Set<String> parts) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBody) {
            throw tooLarge(maxBody);
        }
        Map<String, String> params = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((k, v) -> params.put(k, last(v)));
        Map<String, byte[]> images = new LinkedHashMap<>();
        if (ctx.isMultipartFormData()) {
            try {
                ctx.uploadedFiles(); // installs the multipart limits and the private cache folder on the request
                for (Part p : ctx.req().getParts()) {
                    if (p.getSubmittedFileName() == null) {
                        params.putIfAbsent(p.getName(), new String(readBounded(p.getInputStream(), MAX_FIELD), StandardCharsets.UTF_8));
                    } else if (parts.contains(p.getName())) {
                        images.put(p.getName(), readBounded(p.getInputStream(), maxBody));
                    } else {
                        throw new ApiError(400, "unknown file part " + DefenseParams.quote(p.getName()) + " (expected: " + String.join(", ", parts) + ")");
                    }
                }
            } catch (IOException | jakarta.servlet.ServletException | RuntimeException e) {
                if (e instanceof ApiError a) {
                    throw a;
                }
                if (String.valueOf(e.getMessage()).contains("exceeds") || e.getCause() != null
                        && String.valueOf(e.getCause().getMessage()).contains("exceeds")) {
                    throw tooLarge(maxBody);
                }
                throw new ApiError(400, "malformed multipart form");
            } finally {
                deleteParts(ctx);
            }
        } else {
            if (!parts.contains(IMAGE)) {
                throw new ApiError(400, "send the images as a multipart form with parts " + String.join(", ", parts));
            }
            try {
                byte[] body = readBounded(ctx.req().getInputStream(), maxBody);
                if (body.length > 0) {
                    images.put(IMAGE, body);
                }
            } catch (IOException e) {
                throw new ApiError(400, "could not read the request body");
            }
        }
        for (String k : params.keySet()) {
            if (!allowed.contains(k)) {
                throw new ApiError(400, "unknown parameter " + DefenseParams.quote(k) + " (known: " + String.join(", ", allowed) + ")");
            }
        }
        return new ApiRequest(params, images);
    }

    /** The image {@code part}; 400 if it was not sent. */
    byte[] image(String part) {
        byte[] b = images.get(part);
        if (b == null || b.length == 0) {
            throw new ApiError(400, part.equals(IMAGE) ? "no image: send it as the request body or as multipart part 'image'"
                    : "no '" + part + "' part in the multipart form");
        }
        return b;
    }

    /** Parameter {@code key}, or {@code fallback} when absent or empty. */
    String string(String key, String fallback) {
        String v = params.get(key);
        return v == null || v.isBlank() ? fallback : v.strip();
    }

    /** Parameter {@code key} as a number, or {@code fallback}; 400 if it is not a finite number. */
    double number(String key, double fallback) {
        String v = string(key, null);
        if (v == null) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v);
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ApiError(400, key + " must be a number, got " + DefenseParams.quote(v));
    }

    /** Parameter {@code key} as a whole number, or {@code fallback}; 400 otherwise. */
    long integer(String key, long fallback) {
        String v = string(key, null);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new ApiError(400, key + " must be a whole number, got " + DefenseParams.quote(v));
        }
    }

    /** Parameter {@code key} as an {@code int}, or {@code fallback}; 400 otherwise. */
    int whole(String key, int fallback) {
        long v = integer(key, fallback);
        if (v != (int) v) {
            throw new ApiError(400, key + " is out of range, got " + v);
        }
        return (int) v;
    }

    /** Parameter {@code key} as a flag (1/0, true/false, yes/no, on/off), or {@code fallback}; 400 otherwise. */
    boolean flag(String key, boolean fallback) {
        String v = string(key, null);
        if (v == null) {
            return fallback;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "on" -> true;
            case "0", "false", "no", "off" -> false;
            default -> throw new ApiError(400, key + " must be 1 or 0 (true or false), got " + DefenseParams.quote(v));
        };
    }

    private static String last(List<String> values) {
        return values.isEmpty() ? "" : values.get(values.size() - 1);
    }

    private static byte[] readBounded(InputStream in, long max) {
        try (in) {
            byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (b.length > max) {
                throw tooLarge(max);
            }
            return b;
        } catch (IOException e) {
            throw new ApiError(400, "could not read the request body");
        }
    }

    private static void deleteParts(Context ctx) {
        try {
            for (Part p : ctx.req().getParts()) {
                p.delete();
            }
        } catch (Exception e) {
            // no parts were stored
        }
    }

    private static ApiError tooLarge(long max) {
        return new ApiError(413, "request body over the limit of " + max + " bytes");
    }
}
