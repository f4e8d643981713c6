package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class ServeCommandTest {
    @Test
    void badLimitsAreUsageErrors() {
        CliRun r = CliRun.of("serve", "--max-body-mb", "0");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--max-body-mb must be in 1..1048576");
        CliRun p = CliRun.of("serve", "--port", "70000");
        assertThat(p.exitCode()).isEqualTo(2);
        assertThat(p.err()).contains("port must be in 0..65535");
        CliRun w = CliRun.of("serve", "--workers", "0");
        assertThat(w.exitCode()).isEqualTo(2);
        assertThat(w.err()).contains("workers must be in 1..256");
    }

    @Test
    void modelsDirNamesTheDetectorsOfTheServersAutoMapAsInCompress() throws Exception {
        picocli.CommandLine cl = Sieve.commandLine();
        ServeCommand serve = cl.parseArgs("serve", "--models-dir", "/tmp/detectors").subcommand().commandSpec().commandLine().getCommand();
        assertThat(serve.config().modelsDir()).isEqualTo("/tmp/detectors");
        ServeCommand byDefault = Sieve.commandLine().parseArgs("serve").subcommand().commandSpec().commandLine().getCommand();
        assertThat(byDefault.config().modelsDir()).isNull();
    }

    @Test
    void aPortInUseFailsWithOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliRun r = CliRun.of("serve", "--port", Integer.toString(taken.getLocalPort()));
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.err().strip()).startsWith("sieve serve: cannot listen on 127.0.0.1:" + taken.getLocalPort()).doesNotContain("\n");
        }
    }
}
