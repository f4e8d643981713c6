package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchMetricsCommandTest {
    @Test
    void timesEveryMetricOnASmallPairAgainstThePsnrBaseline() {
        CliRun run = CliRun.of("bench", "metrics", "--megapixels", "0.1", "--runs", "1", "--no-python");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("(0.1 MP)", "vs Sieve PSNR");
        for (String m : new String[] {"PSNR ", "PSNR-S", "PSNR-HVS ", "PSNR-HVS-M", "SSIM", "MS-SSIM", "VIFp", "all seven"}) {
            assertThat(run.out()).as(m).containsPattern("(?m)^" + m.strip() + " +\\d");
        }
        assertThat(run.out()).containsPattern("(?m)^PSNR( +[0-9.]+){4} +1\\.00x");
    }

    @Test
    void absurdSizesAreUsageErrors() {
        assertThat(CliRun.of("bench", "metrics", "--megapixels", "0", "--no-python").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("bench", "metrics", "--runs", "0", "--no-python").exitCode()).isEqualTo(2);
    }
}
