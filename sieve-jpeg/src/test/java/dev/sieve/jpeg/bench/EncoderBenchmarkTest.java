package dev.sieve.jpeg.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.image.Planar;
import dev.sieve.image.Resample;
import dev.sieve.image.io.SamplePhotos;
import dev.sieve.jpeg.JpegEncoder;
import dev.sieve.jpeg.JpegOptions;
import dev.sieve.jpeg.Subsampling;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EncoderBenchmarkTest {
    private static final Planar SMALL = Resample.resize(SamplePhotos.kodim07(), 96, 64).quantized8();

    @Test
    void runsEveryEncoderOncePerRoundAndReportsTheirOutputSizes() throws Exception {
        EncoderBenchmark b = new EncoderBenchmark(SMALL, new EncoderBenchmark.Config(75, 2, 1, null));
        AtomicLong steps = new AtomicLong();
        EncoderBenchmark.Result r = b.run(steps::incrementAndGet);
        assertThat(steps.get()).isEqualTo(b.steps());
        assertThat(r.rows().get(0).encoder()).isEqualTo("sieve");
        assertThat(r.rows().get(1).encoder()).isEqualTo(EncoderBenchmark.BASELINE);
        assertThat(r.rows()).extracting(EncoderBenchmark.Row::encoder).contains("sieve psnr", "sieve visual", "sieve psnr prog", "sieve semantic");
        assertThat(r.rows().size() * 3L).isEqualTo(b.steps());
        assertThat(r.row("sieve").bytes()).isEqualTo(JpegEncoder.encode(SMALL, new JpegOptions(75, Subsampling.S420, true, false)).length);
        assertThat(r.speedVsBaseline(r.baseline())).isEqualTo(1.0);
        assertThat(r.rows()).allMatch(row -> row.medianMs() > 0 && row.bytes() > 0);
        assertThat(r.semanticTimeVsPlainPsnr()).isPositive();
    }

    @Test
    void refusesAGrayImageAndAMissingMozjpeg() {
        Planar gray = new Planar(8, 8, new float[64]);
        assertThatThrownBy(() -> new EncoderBenchmark(gray, new EncoderBenchmark.Config(75, 1, 0, null))).hasMessageContaining("colour");
        assertThatThrownBy(() -> new EncoderBenchmark(SMALL, new EncoderBenchmark.Config(75, 1, 0, Path.of("/no/such/cjpeg"))))
                .hasMessageContaining("not an executable file");
        assertThatThrownBy(() -> new EncoderBenchmark.Config(0, 1, 0, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
