package dev.sieve.image.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sieve.image.Planar;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Compares every metric with {@code expected.tsv}, written by {@code scripts/metric-fixtures.py}:
 * PSNR and SSIM from scikit-image 0.19.3, MS-SSIM, VIFp and PSNR-HVS(-M) from an independent numpy
 * implementation of the papers, on eight pairs (noise, JPEG Q20, blur, contrast change of two
 * Kodak crops).
 */
class MetricsMatchReferencesTest {
    private static final List<Map<String, String>> PAIRS = new ArrayList<>();

    @BeforeAll
    static void readExpected() throws IOException {
        List<String> lines = Files.readAllLines(Fixtures.resource("expected.tsv"));
        lines.removeIf(l -> l.startsWith("#"));
        String[] keys = lines.get(0).split("\t");
        for (String line : lines.subList(1, lines.size())) {
            String[] v = line.split("\t");
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < keys.length; i++) {
                row.put(keys[i], v[i]);
            }
            PAIRS.add(row);
        }
        assertThat(PAIRS).hasSize(8);
    }

    @FunctionalInterface
    private interface Metric {
        double of(Planar reference, Planar distorted);
    }

    /** Largest absolute difference between Sieve and the reference column over all pairs. */
    private static double maxError(String column, Metric metric) {
        double worst = 0;
        for (Map<String, String> p : PAIRS) {
            double got = metric.of(Fixtures.image(p.get("reference")), Fixtures.image(p.get("distorted")));
            double diff = Math.abs(got - Double.parseDouble(p.get(column)));
            worst = Math.max(worst, diff);
        }
        System.out.printf("%s: max |Sieve - reference| = %.3g%n", column, worst);
        return worst;
    }

    @Test
    void psnrMatchesScikitImageOnRgbAndLuma() {
        assertThat(maxError("psnr_rgb", (r, d) -> Psnr.of(r, d, Channels.RGB))).isLessThan(1e-9);
        assertThat(maxError("psnr_luma", (r, d) -> Psnr.of(r, d, Channels.LUMA))).isLessThan(1e-9);
    }

    @Test
    void ssimMatchesScikitImageOnRgbAndLuma() {
        assertThat(maxError("ssim_rgb", (r, d) -> Ssim.of(r, d, Channels.RGB))).isLessThan(1e-9);
        assertThat(maxError("ssim_luma", (r, d) -> Ssim.of(r, d, Channels.LUMA))).isLessThan(1e-9);
    }

    /** Coarser scales are stored as floats in Sieve and doubles in numpy, hence 1e-7 rather than 1e-9. */
    @Test
    void msSsimMatchesIndependentReference() {
        assertThat(maxError("ms_ssim_luma", (r, d) -> MsSsim.of(r, d, Channels.LUMA))).isLessThan(1e-7);
    }

    @Test
    void vifpMatchesIndependentReference() {
        assertThat(maxError("vifp_luma", (r, d) -> Vifp.of(r, d, Channels.LUMA))).isLessThan(1e-7);
    }

    @Test
    void psnrHvsAndHvsMMatchIndependentReference() {
        assertThat(maxError("psnr_hvs_luma", (r, d) -> PsnrHvs.of(r, d, Channels.LUMA))).isLessThan(1e-9);
        assertThat(maxError("psnr_hvsm_luma", (r, d) -> PsnrHvsM.of(r, d, Channels.LUMA))).isLessThan(1e-9);
    }

    @Test
    void qualityReportAgreesWithTheSingleMetrics() {
        Map<String, String> p = PAIRS.get(1);
        Planar r = Fixtures.image(p.get("reference")), d = Fixtures.image(p.get("distorted"));
        QualityReport q = QualityReport.of(r, d, null, 0.5, Channels.LUMA);
        assertThat(q.psnr()).isEqualTo(Psnr.of(r, d, Channels.LUMA));
        assertThat(q.psnrHvs()).isEqualTo(PsnrHvs.of(r, d, Channels.LUMA));
        assertThat(q.psnrHvsM()).isEqualTo(PsnrHvsM.of(r, d, Channels.LUMA));
        assertThat(q.ssim()).isEqualTo(Ssim.of(r, d, Channels.LUMA));
        assertThat(q.msSsim()).isEqualTo(MsSsim.of(r, d, Channels.LUMA));
        assertThat(q.vifp()).isEqualTo(Vifp.of(r, d, Channels.LUMA));
        assertThat(q.psnrS()).isNaN();
        assertThat(Arrays.stream(q.values()).filter(Double::isNaN).count()).isEqualTo(1);
        assertThat(q.psnr()).isCloseTo(Double.parseDouble(p.get("psnr_luma")), within(1e-4));
    }
}
