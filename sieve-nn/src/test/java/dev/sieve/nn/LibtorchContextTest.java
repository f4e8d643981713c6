package dev.sieve.nn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LibtorchContextTest {
    @Test
    void nnpackIsReportedOffOnceTheEngineHasStarted() {
        NnRuntime.engine();
        assertThat(LibtorchContext.disableNnpack()).isTrue();
    }

    @Test
    void libtorchWarningsAreBelowTheLogThresholdUnlessTheUserSetsOne() {
        NnRuntime.engine();
        int expected = System.getenv("TORCH_CPP_LOG_LEVEL") == null ? 2 : LibtorchContext.quietWarnings();
        assertThat(LibtorchContext.quietWarnings()).isEqualTo(expected).isBetween(0, 3);
    }
}
