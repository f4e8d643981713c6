package dev.sieve.image.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QualityReportTest {
    @Test
    void fieldsAreTheValuesUnderTheirKeysWithUndefinedMetricsAsNull() {
        QualityReport q = new QualityReport(Double.POSITIVE_INFINITY, Double.NaN, 40.5, 41.25, 0.99, 0.98, 0.75);
        Map<String, Object> f = q.fields();
        assertThat(new ArrayList<>(f.keySet())).containsExactlyElementsOf(Arrays.asList(QualityReport.KEYS));
        assertThat(f.get("psnr")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(f).containsEntry("psnr_s", null).containsEntry("psnr_hvs", 40.5).containsEntry("psnr_hvsm", 41.25)
                .containsEntry("ssim", 0.99).containsEntry("ms_ssim", 0.98).containsEntry("vifp", 0.75);
    }
}
