package dev.sieve.nn;

import dev.sieve.nn.data.Normalization;
import dev.sieve.nn.model.InputSpec;
import dev.sieve.nn.model.ModelInfo;
import dev.sieve.nn.model.SieveModel;
import java.util.List;

/** Run in a child JVM by {@link OfflineStartTest}: starts the engine and classifies one image. */
public final class OfflineStartProbe {
    private OfflineStartProbe() {
    }

    public static void main(String[] args) {
        ModelInfo info = new ModelInfo("c2-4-gap", List.of("a", "b"), new InputSpec(1, 8, 8, new Normalization(new float[] {0.5f}, new float[] {0.5f})), "");
        try (SieveModel m = SieveModel.create(info, 1)) {
            float[] z = m.logits(new float[64], 1);
            System.out.println("OFFLINE-OK " + NnRuntime.engine().getVersion() + " " + z.length);
        }
    }
}
