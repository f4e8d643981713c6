package dev.sieve.repr;

import dev.sieve.nn.train.EpochResult;
import java.util.List;

/**
 * What a run of {@link ReprScheme} produced: per-epoch results, which epochs trained the
 * sub-network (the shaded phases of Figure 5.1), the filters dropped per layer at each
 * iteration, the network's Ortho-sum after every epoch (Figure 5.9) and the seconds spent ranking
 * and re-initializing.
 */
public record ReprRun(List<EpochResult> epochs, boolean[] prunedEpochs, List<int[]> droppedPerLayer, double[] orthoSum,
        double rankingSeconds) {
}
