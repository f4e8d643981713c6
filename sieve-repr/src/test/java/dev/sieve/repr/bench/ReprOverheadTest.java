package dev.sieve.repr.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.nn.data.InMemoryDataset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReprOverheadTest {
    @Test
    void alternatesStandardAndReprRunsAndProjectsTheThesisSchedule() {
        SplittableRandom rnd = new SplittableRandom(3);
        int n = 256;
        byte[] px = new byte[n * 16 * 16];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) rnd.nextInt(256);
        }
        InMemoryDataset data = new InMemoryDataset(px, rnd.ints(n, 0, 4).toArray(), 1, 16, 16, List.of("a", "b", "c", "d"), "random");
        List<String> heard = new ArrayList<>();
        ReprOverhead.Result r = ReprOverhead.run("c2-4", "ortho", data, data.head(64), 2, (scheme, k) -> heard.add(scheme + " " + k));
        assertThat(heard).containsExactly("standard 0", "RePr 0", "standard 1", "RePr 1");
        assertThat(r.ratioPerRound()).hasSize(2);
        assertThat(r.standardSeconds()).isPositive();
        assertThat(r.reprSeconds()).isPositive();
        assertThat(r.rankSeconds()).isPositive();
        assertThat(r.ratio()).isEqualTo(r.reprSeconds() / r.standardSeconds());
        double projected = (100 * r.fullEpochSeconds() + 3 * 10 * (r.prunedEpochSeconds() - r.fullEpochSeconds()) + 3 * r.rankSeconds())
                / (100 * r.standardSeconds());
        assertThat(r.projectedRatio()).isEqualTo(projected);
    }
}
