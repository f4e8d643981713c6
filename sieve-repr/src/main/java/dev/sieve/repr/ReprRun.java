package dev.sieve.repr;

import dev.sieve.nn.train.EpochResult;
import java.util.List;

/**
 * What a run of {@link ReprScheme} produced: per-epoch results, which epochs trained the
 * sub-network (the shaded phases of Figure 5.1), the filters dropped per layer at each
 * iteration, the network's Ortho-sum after every epoch (Figure 5.9), the seconds spent ranking
 * and re-initializing, and per epoch the kernels and threads that trained it
 * ({@link dev.sieve.nn.NnRuntime#kernelsAndThreads}; null where not recorded).
 */
public record ReprRun(List<EpochResult> epochs, boolean[] prunedEpochs, List<int[]> droppedPerLayer, double[] orthoSum,
        double rankingSeconds, String[] kernels) {
    /**
     * The kernels of the run's epochs as ranges, e.g. {@code epochs 1-4: unknown}, {@code epochs 5-30: oneDNN AVX, 1 thread}.
     */
    public List<String> kernelRanges() {
        List<String> out = new java.util.ArrayList<>();
        int n = epochs.size();
        for (int a = 0; a < n; ) {
            String k = kernels[a];
            int b = a;
            while (b + 1 < n && java.util.Objects.equals(kernels[b + 1], k)) {
                b++;
            }
            out.add("epochs " + (a + 1) + (b > a ? "-" + (b + 1) : "") + ": " + (k == null ? "unknown" : k));
            a = b + 1;
        }
        return out;
    }
}
