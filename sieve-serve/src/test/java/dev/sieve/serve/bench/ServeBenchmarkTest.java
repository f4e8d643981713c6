package dev.sieve.serve.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.image.Resample;
import dev.sieve.image.io.ImageFiles;
import dev.sieve.image.io.SamplePhotos;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServeBenchmarkTest {
    @Test
    void timesEveryRequestOverHttpAndEveryCallInProcess() throws Exception {
        byte[] png = ImageFiles.pngBytes(Resample.resize(SamplePhotos.kodim07(), 96, 64).quantized8());
        List<String> phases = new ArrayList<>();
        ServeBenchmark.Result r = ServeBenchmark.run(png, 1, 3, 2, phases::add);
        assertThat(phases).containsExactly("warming up both", "timing the library in-process", "timing POST /api/compress");
        assertThat(r.http().samples()).hasSize(3);
        assertThat(r.http().statuses()).containsOnlyKeys(200);
        assertThat(r.library().nanos()).hasSize(3);
        assertThat(java.util.Arrays.stream(r.library().nanos()).allMatch(n -> n > 0)).isTrue();
        assertThat(r.library().latencyMs(99)).isGreaterThanOrEqualTo(r.library().latencyMs(50));
        assertThat(r.ratio()).isPositive();
    }
}
