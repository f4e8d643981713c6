package dev.sieve.nn.tfjs;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Coverage-guided fuzzing of the TF.js model reader: any {@code model.json} bytes (beside a fixed
 * 64-byte weight shard) load, or are refused with an {@link IOException}; anything else is a finding.
 */
class TfjsModelFuzzTest {
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("sieve-tfjs-fuzz");
            DIR.toFile().deleteOnExit();
            byte[] shard = new byte[64];
            for (int i = 0; i < shard.length; i++) {
                shard[i] = (byte) (i * 37);
            }
            Files.write(DIR.resolve("w.bin"), shard);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "15s")
    void loadsOrRefusesWithIOException(byte[] data) throws IOException {
        Path json = DIR.resolve("model.json");
        Files.write(json, data);
        try (TfjsGraphModel m = TfjsGraphModel.load(json)) {
            if (m.name().isEmpty()) {
                throw new AssertionError("loaded model without a name");
            }
        } catch (TfjsModelException refused) {
            // a clear refusal
        }
    }
}
