package dev.sieve.nn.tfjs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sieve.nn.model.Safetensors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the constants of a TF.js model from its {@code weightsManifest}: each group's shards
 * ({@code .bin} files beside {@code model.json}) are concatenated and hold the group's weights back to
 * back, little-endian. Dtypes float32, int32 and bool; quantized weights are dequantized as TF.js does:
 * float16 to float32 exactly, uint8 / uint16 as {@code q × scale + min}.
 */
final class WeightsManifest {
    private WeightsManifest() {
    }

    /** The weights named in {@code manifest}, read from shards in {@code dir}; {@code model} names the file in errors. */
    static Map<String, HostTensor> read(JsonNode manifest, Path dir, String model) throws IOException {
        if (manifest == null || !manifest.isArray()) {
            throw new TfjsModelException(model + ": no weightsManifest");
        }
        Map<String, HostTensor> out = new LinkedHashMap<>();
        for (JsonNode group : manifest) {
            ByteBuffer buf = shards(group.path("paths"), dir, model);
            for (JsonNode w : group.path("weights")) {
                HostTensor t = decode(w, buf, model);
                out.put(t.name(), t);
            }
            if (buf.hasRemaining()) {
                throw new TfjsModelException(model + ": weight shards hold " + buf.remaining() + " bytes more than the manifest describes");
            }
        }
        return out;
    }

    private static ByteBuffer shards(JsonNode paths, Path dir, String model) throws IOException {
        if (!paths.isArray() || paths.isEmpty()) {
            throw new TfjsModelException(model + ": a weightsManifest group lists no shard paths");
        }
        byte[][] parts = new byte[paths.size()][];
        int total = 0;
        for (int i = 0; i < parts.length; i++) {
            Path p = dir.resolve(paths.get(i).asText());
            try {
                parts[i] = Files.readAllBytes(p);
            } catch (NoSuchFileException e) {
                throw new TfjsModelException(model + ": weight shard " + p + " is missing");
            }
            total = Math.addExact(total, parts[i].length);
        }
        ByteBuffer buf = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        for (byte[] b : parts) {
            buf.put(b);
        }
        return buf.flip();
    }

    private static HostTensor decode(JsonNode w, ByteBuffer buf, String model) throws TfjsModelException {
        String name = w.path("name").asText();
        String dtype = w.path("dtype").asText();
        JsonNode shapeNode = w.path("shape");
        long[] shape = new long[shapeNode.size()];
        long n = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asLong();
            if (shape[i] < 0) {
                throw new TfjsModelException(model + ": weight " + name + " has a negative dimension");
            }
            try {
                n = Math.multiplyExact(n, shape[i]);
            } catch (ArithmeticException e) {
                throw new TfjsModelException(model + ": weight " + name + " is too large");
            }
        }
        if (n > Integer.MAX_VALUE) {
            throw new TfjsModelException(model + ": weight " + name + " is too large");
        }
        int count = (int) n;
        JsonNode q = w.get("quantization");
        String stored = q == null ? dtype : q.path("dtype").asText();
        int bytes = switch (stored) {
            case "float32", "int32" -> 4;
            case "float16", "uint16" -> 2;
            case "uint8", "bool" -> 1;
            default -> throw new TfjsModelException(model + ": weight " + name + " has dtype '" + stored
                    + "' (supported: float32, int32, bool, quantized float16, uint8, uint16)");
        };
        if (!dtype.matches("float32|int32|bool")) {
            throw new TfjsModelException(model + ": weight " + name + " has dtype '" + dtype + "' (supported: float32, int32, bool)");
        }
        if (stored.equals("float16") && !dtype.equals("float32")) {
            throw new TfjsModelException(model + ": weight " + name + " is float16-quantized but of dtype " + dtype);
        }
        if ((long) count * bytes > buf.remaining()) {
            throw new TfjsModelException(model + ": weight shards end inside weight " + name + " (truncated .bin file?)");
        }
        float[] floats = dtype.equals("float32") ? new float[count] : null;
        int[] ints = floats == null ? new int[count] : null;
        float scale = q == null ? 1f : (float) q.path("scale").asDouble(1);
        float min = q == null ? 0f : (float) q.path("min").asDouble(0);
        for (int i = 0; i < count; i++) {
            switch (stored) {
                case "float32" -> floats[i] = buf.getFloat();
                case "int32" -> {
                    int v = buf.getInt();
                    if (floats != null) {
                        floats[i] = v;
                    } else {
                        ints[i] = v;
                    }
                }
                case "bool" -> ints[i] = buf.get() != 0 ? 1 : 0;
                case "float16" -> floats[i] = Safetensors.halfToFloat(buf.getShort());
                default -> {
                    int v = stored.equals("uint8") ? buf.get() & 0xff : buf.getShort() & 0xffff;
                    float f = v * scale + min;
                    if (floats != null) {
                        floats[i] = f;
                    } else {
                        ints[i] = Math.round(f);
                    }
                }
            }
        }
        return new HostTensor(name, dtype, shape, floats, ints);
    }
}
