package dev.sieve.nn.model;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Coverage-guided fuzzing of the safetensors reader (the model-file format): any bytes are read
 * into tensors whose values match their shapes, or refused with an {@link IOException}; anything
 * else is a finding. Seeds: {@code SafetensorsFuzzTestInputs/}.
 */
class SafetensorsFuzzTest {
    @FuzzTest(maxDuration = "15s")
    void readsOrRefusesWithIOException(byte[] data) {
        Safetensors.Contents contents;
        try {
            contents = Safetensors.read(ByteBuffer.wrap(data), Path.of("fuzz.safetensors"));
        } catch (IOException refused) {
            return;
        }
        contents.tensors().forEach((name, t) -> {
            long count = 1;
            for (long d : t.shape()) {
                if (d < 0) {
                    throw new AssertionError(name + ": negative dimension accepted");
                }
                count *= d;
            }
            if (count != t.data().length) {
                throw new AssertionError(name + ": " + t.data().length + " values for " + count + " elements");
            }
        });
    }
}
