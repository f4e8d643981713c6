package dev.sieve.nn.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
    @TempDir
    Path dir;

    /** A file laid out by hand as the safetensors specification says, with F16, BF16 and I64 tensors. */
    private Path handWritten(String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        Path f = dir.resolve("hand.safetensors");
        Files.write(f, b.array());
        return f;
    }

    @Test
    void readsHalfBfloatAndIntegerTensorsOfAHandWrittenFile() throws IOException {
        ByteBuffer d = ByteBuffer.allocate(2 * 2 + 2 * 2 + 8).order(ByteOrder.LITTLE_ENDIAN);
        d.putShort((short) 0x3c00).putShort((short) 0xc100); // F16 1.0, -2.5
        d.putShort((short) 0x3f80).putShort((short) 0x4049); // BF16 1.0, 3.140625
        d.putLong(42);
        Path f = handWritten("{\"__metadata__\":{\"format\":\"pt\"},\"h\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[1,2],\"data_offsets\":[4,8]},\"n\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[8,16]}}", d.array());
        Safetensors.Contents c = Safetensors.read(f);
        assertThat(c.metadata()).containsEntry("format", "pt");
        assertThat(c.tensors().get("h").data()).containsExactly(1.0f, -2.5f);
        assertThat(c.tensors().get("b").shape()).containsExactly(1, 2);
        assertThat(c.tensors().get("b").data()).containsExactly(1.0f, 3.140625f);
        assertThat(c.tensors().get("n").data()).containsExactly(42f);
    }

    @Test
    void writtenFileRoundTripsAndKeepsNameOrder() throws IOException {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("z.weight", new Tensor(new long[] {2, 3}, new float[] {1, -2, 3.5f, Float.MIN_VALUE, -0f, 1e30f}));
        t.put("a.bias", new Tensor(new long[] {1}, new float[] {7}));
        Path f = dir.resolve("rt.safetensors");
        Safetensors.write(f, Map.of("k", "v"), t);
        Safetensors.Contents c = Safetensors.read(f);
        assertThat(c.tensors()).containsExactlyEntriesOf(t);
        assertThat(c.metadata()).containsExactly(Map.entry("k", "v"));
        assertThat((8 + ByteBuffer.wrap(Files.readAllBytes(f), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong()) % 8).isZero();
    }

    @Test
    void truncatedDataIsReportedWithFileAndOffset() throws IOException {
        Path f = handWritten("{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", new byte[10]);
        assertThatThrownBy(() -> Safetensors.read(f)).isInstanceOf(IOException.class)
                .hasMessageContaining("hand.safetensors").hasMessageContaining("offset").hasMessageContaining("'w'");
    }
}
