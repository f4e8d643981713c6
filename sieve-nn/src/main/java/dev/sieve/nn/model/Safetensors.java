package dev.sieve.nn.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sieve.image.io.AtomicFiles;
import dev.sieve.nn.data.DataFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The safetensors format (Hugging Face): an 8-byte little-endian header length {@code N}, {@code N}
 * bytes of JSON mapping each tensor name to {@code {dtype, shape, data_offsets}} (plus an optional
 * {@code __metadata__} map of strings), then the raw little-endian tensor bytes. Reads F32, F16,
 * BF16, F64, I64, I32 and U8 (converted to float); writes F32.
 */
public final class Safetensors {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_HEADER = 100L << 20;

    private Safetensors() {
    }

    /** A file's metadata and tensors, in file order. */
    public record Contents(Map<String, String> metadata, Map<String, Tensor> tensors) {
    }

    /** Reads a safetensors file; any inconsistency is reported with the file and byte offset. */
    public static Contents read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file + ": no such file");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()), file);
        }
    }

    /** Reads safetensors bytes; {@code name} stands for their origin in errors. */
    public static Contents read(ByteBuffer bytes, Path name) throws IOException {
        ByteBuffer b = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long size = b.capacity();
        if (size < 8) {
            throw new DataFormatException(name, 0, "file of " + size + " bytes is too short for a safetensors header");
        }
        long n = b.getLong(0);
        if (n <= 1 || n > MAX_HEADER || n > size - 8) {
            throw new DataFormatException(name, 0, "header length " + n + " impossible for a file of " + size + " bytes (not a safetensors file)");
        }
        byte[] head = new byte[(int) n];
        b.get(8, head);
        JsonNode header;
        try {
            header = JSON.readTree(new String(head, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new DataFormatException(name, 8, "header is not valid JSON (not a safetensors file)");
        }
        if (header == null || !header.isObject()) {
            throw new DataFormatException(name, 8, "header is not a JSON object");
        }
        long dataStart = 8 + n;
        ByteBuffer data = b.slice((int) dataStart, (int) (size - dataStart)).order(ByteOrder.LITTLE_ENDIAN);
        Map<String, String> metadata = new LinkedHashMap<>();
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("__metadata__")) {
                e.getValue().fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
                continue;
            }
            tensors.put(e.getKey(), tensor(name, e.getKey(), e.getValue(), data, dataStart));
        }
        return new Contents(metadata, tensors);
    }

    private static Tensor tensor(Path file, String name, JsonNode info, ByteBuffer data, long dataStart) throws IOException {
        String dtype = info.path("dtype").asText();
        JsonNode shapeNode = info.path("shape");
        JsonNode offs = info.path("data_offsets");
        if (!shapeNode.isArray() || !offs.isArray() || offs.size() != 2) {
            throw new DataFormatException(file, 8, "tensor '" + name + "' lacks shape or data_offsets in the header");
        }
        long[] shape = new long[shapeNode.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = shapeNode.get(i);
            shape[i] = d.asLong(-1);
            if (!d.canConvertToLong() || shape[i] < 0 || (shape[i] > 0 && count > Integer.MAX_VALUE / shape[i])) {
                throw new DataFormatException(file, 8, "tensor '" + name + "' has an impossible shape " + shapeNode);
            }
            count *= shape[i];
        }
        int width = switch (dtype) {
            case "F32", "I32" -> 4;
            case "F16", "BF16" -> 2;
            case "F64", "I64" -> 8;
            case "U8" -> 1;
            default -> throw new DataFormatException(file, 8, "tensor '" + name + "' has dtype " + dtype + " (supported: F32 F16 BF16 F64 I64 I32 U8)");
        };
        long begin = offs.get(0).asLong(), end = offs.get(1).asLong();
        if (begin < 0 || end < begin || end > data.capacity()) {
            throw new DataFormatException(file, dataStart + begin, "tensor '" + name + "' spans bytes " + begin + ".." + end
                    + " of a data section of " + data.capacity() + " (truncated file?)");
        }
        if (end - begin != count * width) {
            throw new DataFormatException(file, dataStart + begin, "tensor '" + name + "' has " + (end - begin)
                    + " bytes, its shape and " + dtype + " need " + count * width);
        }
        float[] v = new float[(int) count];
        int p = (int) begin;
        for (int i = 0; i < v.length; i++, p += width) {
            v[i] = switch (dtype) {
                case "F32" -> data.getFloat(p);
                case "F64" -> (float) data.getDouble(p);
                case "F16" -> halfToFloat(data.getShort(p));
                case "BF16" -> Float.intBitsToFloat((data.getShort(p) & 0xffff) << 16);
                case "I64" -> data.getLong(p);
                case "I32" -> data.getInt(p);
                default -> data.get(p) & 0xff;
            };
        }
        return new Tensor(shape, v);
    }

    /** IEEE 754 binary16 to float, exact for every half (Float.float16ToFloat arrived only in Java 20). */
    public static float halfToFloat(short h) {
        int sign = (h & 0x8000) << 16, exp = (h >>> 10) & 0x1f, mant = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    /** Writes {@code tensors} as F32 with {@code metadata}, atomically. */
    public static void write(Path file, Map<String, String> metadata, Map<String, Tensor> tensors) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode m = header.putObject("__metadata__");
            metadata.forEach(m::put);
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            ObjectNode t = header.putObject(e.getKey());
            t.put("dtype", "F32");
            var shape = t.putArray("shape");
            for (long d : e.getValue().shape()) {
                shape.add(d);
            }
            long bytes = 4L * e.getValue().data().length;
            t.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] head = JSON.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
        int pad = (8 - head.length % 8) % 8;
        byte[] padded = new byte[head.length + pad];
        System.arraycopy(head, 0, padded, 0, head.length);
        java.util.Arrays.fill(padded, head.length, padded.length, (byte) ' ');
        AtomicFiles.write(file, out -> {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded.length);
            out.write(len.array());
            out.write(padded);
            ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (Tensor t : tensors.values()) {
                for (float f : t.data()) {
                    if (buf.remaining() < 4) {
                        out.write(buf.array(), 0, buf.position());
                        buf.clear();
                    }
                    buf.putFloat(f);
                }
            }
            out.write(buf.array(), 0, buf.position());
        });
    }
}
