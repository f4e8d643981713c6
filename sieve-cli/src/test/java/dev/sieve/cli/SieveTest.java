package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SieveTest {
    @Test
    void helpStatesTheExitCodesAndTheFileConventions() {
        CliRun r = CliRun.of("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Exit status: 0 success, 1 a runtime failure").contains("2 a usage error")
                .contains("-o/--output FILE").contains("-d/--out-dir DIR").contains("--quiet").doesNotContain("shared/");
    }

    @Test
    void aBadEnumValueIsOneUsageLineInAnyCase() {
        CliRun bad = CliRun.of("compress", "--tune", "sharp", "-o", "x.jpg");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err().strip()).doesNotContain("\n").contains("Invalid value for option '--tune'")
                .contains("visual, psnr, psnr-rgb or classic").contains("see 'sieve compress --help'");
        assertThat(Sieve.commandLine().parseArgs("compress", "--tune", "PSNR-RGB", "--mode", "Mosaic", "--subsampling", "444",
                "--block-method", "REQUANTIZE").errors()).isEmpty();
        assertThat(CliRun.of("deflect", "x.png", "-o", "y.png", "--sampling", "GAUSSIAN", "--replace", "bogus").err())
                .contains("Invalid value for option '--replace'");
    }

    @Test
    void quietIsResetBetweenRunsAndReachesSubcommandsFromEitherPlace() {
        CliRun.of("-q", "compress", "--help");
        assertThat(Progress.quiet()).isTrue();
        CliRun.of("compress", "--help");
        assertThat(Progress.quiet()).isFalse();
        CliRun.of("compress", "--quiet", "--help");
        assertThat(Progress.quiet()).isTrue();
        CliRun.of("compress", "--help");
        assertThat(Progress.quiet()).isFalse();
    }
}
