package dev.sieve.jpeg.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.image.Planar;
import dev.sieve.image.Resample;
import dev.sieve.image.io.SamplePhotos;
import dev.sieve.image.metrics.Channels;
import dev.sieve.image.metrics.QualityReport;
import dev.sieve.image.saliency.SaliencyMap;
import dev.sieve.jpeg.Tune;
import dev.sieve.jpeg.semantic.SemanticMode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SemanticComparisonTest {
    private static final SemanticComparison.Config CONFIG = new SemanticComparison.Config(50,
            List.of(SemanticMode.MOSAIC, SemanticMode.DIRECT), Tune.PSNR, true, 4, 0.5, Channels.LUMA);

    @Test
    void theModesMatchThePlainFilesSizeAndEveryRowMeasuresItsDecodedFile() {
        Planar img = Resample.resize(SamplePhotos.kodim07(), 192, 128);
        float[] v = new float[24 * 16];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i % 24) < 12 ? 1 : 0;
        }
        SaliencyMap map = new SaliencyMap(24, 16, v);
        List<SemanticComparison.Encoded> out = SemanticComparison.run("k", img, map, CONFIG);

        assertThat(out).extracting(e -> e.row().method()).containsExactly("plain", "mosaic", "direct");
        SemanticComparison.Row plain = out.get(0).row();
        assertThat(plain.targetBytes()).isZero();
        assertThat(plain.sizeDeviation()).isNaN();
        for (SemanticComparison.Encoded e : out.subList(1, 3)) {
            assertThat(e.row().targetBytes()).isEqualTo(plain.bytes());
            assertThat(Math.abs(e.row().sizeDeviation())).as(e.row().method()).isLessThanOrEqualTo(0.01);
        }
        for (SemanticComparison.Encoded e : out) {
            QualityReport q = QualityReport.of(img, e.decoded(), map, 0.5, Channels.LUMA);
            assertThat(e.row().quality()).isEqualTo(q);
            assertThat(e.row().quality().psnrS()).isFinite();
        }
    }

    @Test
    void meansSkipUndefinedMetricsPerMetric() {
        QualityReport a = new QualityReport(30, Double.NaN, 31, 32, 0.9, 0.95, 0.5);
        QualityReport b = new QualityReport(34, 40, 33, 34, 0.8, Double.NaN, 0.7);
        Map<String, Object> m = SemanticComparison.means(List.of(
                new SemanticComparison.Row("a", 8, 8, "direct", 100, 100, true, 50, 2, a),
                new SemanticComparison.Row("b", 8, 8, "direct", 300, 290, false, 50, 4, b)));
        assertThat(m).containsEntry("n", 2).containsEntry("psnr", 32.0).containsEntry("psnr_s", 40.0).containsEntry("ms_ssim", 0.95)
                .containsEntry("bytes", 200.0).containsEntry("encode_ms", 3.0).containsEntry("within_tolerance", 1L);
    }

    @Test
    void plainIsNotAModeToCompare() {
        assertThatThrownBy(() -> new SemanticComparison.Config(50, List.of(SemanticMode.PLAIN), Tune.PSNR, true, 4, 0.5, Channels.LUMA))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
