package dev.sieve.jpeg.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.image.io.SamplePhotos;
import dev.sieve.image.metrics.Channels;
import dev.sieve.image.metrics.Psnr;
import dev.sieve.image.metrics.Ssim;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsBenchmarkTest {
    @Test
    void timesEveryMetricOnTheUpscaledPairAndKeepsTheirValues() {
        MetricsBenchmark.Pair p = MetricsBenchmark.Pair.of(SamplePhotos.kodim07(), 0.05);
        assertThat(p.megapixels()).isCloseTo(0.05, org.assertj.core.data.Offset.offset(0.001));
        assertThat(p.distorted().width()).isEqualTo(p.reference().width());
        List<String> heard = new ArrayList<>();
        Map<String, MetricsBenchmark.Timing> t = MetricsBenchmark.run(p, 1, heard::add);
        assertThat(t.keySet()).containsExactly("PSNR", "PSNR-S", "PSNR-HVS", "PSNR-HVS-M", "SSIM", "MS-SSIM", "VIFp", "all seven");
        assertThat(heard).containsExactlyElementsOf(t.keySet());
        assertThat(t.get(MetricsBenchmark.BASELINE).value()).isEqualTo(Psnr.of(p.reference(), p.distorted(), Channels.LUMA));
        assertThat(t.get("SSIM").value()).isEqualTo(Ssim.of(p.reference(), p.distorted(), Channels.LUMA));
        assertThat(t.get("all seven").value()).isEqualTo(t.get("PSNR").value());
        assertThat(t.values()).allMatch(x -> x.wall() > 0 && Double.isFinite(x.wall()));
    }
}
