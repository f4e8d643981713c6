package dev.sieve.nn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LibtorchContextTest {
    @Test
    void nnpackIsReportedOffOnceTheEngineHasStarted() {
        NnRuntime.engine();
        assertThat(LibtorchContext.disableNnpack()).isTrue();
    }
}
