package dev.sieve.nn.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.nn.data.Normalization;
import org.junit.jupiter.api.Test;

class InputSpecTest {
    @Test
    void inputSizesBeyondTheLimitAreRefusedBeforeAnythingIsAllocated() {
        assertThatThrownBy(() -> new InputSpec(3, 1500, 1500, Normalization.IMAGENET))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("model input size must be 1..1024 px a side, got 1500x1500");
        assertThat(new InputSpec(3, 1024, 1024, Normalization.IMAGENET).size()).isEqualTo(3 * 1024 * 1024);
    }
}
