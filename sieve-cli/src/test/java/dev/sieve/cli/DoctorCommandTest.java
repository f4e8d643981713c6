package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DoctorCommandTest {
    @Test
    void namesJavaLibtorchTheCpuAndTheIsaCapInUse() {
        CliRun r = CliRun.of("doctor");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("java ", "libtorch      2.7.1", "cpu ", "oneDNN cap ", "convolutions  oneDNN", "threads ", "detectors     ");
        String cap = System.getenv("ONEDNN_MAX_CPU_ISA");
        if (cap != null) {
            assertThat(r.out()).contains("oneDNN cap    " + cap + " (");
        }
    }
}
