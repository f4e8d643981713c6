package dev.sieve.image.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class UserPathsTest {
    @Test
    void anOrdinaryNameBecomesThatPath() {
        assertThat(UserPaths.of("models/a b.safetensors")).isEqualTo(Path.of("models/a b.safetensors"));
    }

    @Test
    void aNameWithALineBreakIsRefusedInOneQuotedLine() {
        assertThatThrownBy(() -> UserPaths.of("builtin\nc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a usable file name: 'builtin\\u000ac' (it has a control character)");
    }

    @Test
    void aNulIsRefusedInOneLine() {
        assertThatThrownBy(() -> UserPaths.of("a\u0000b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("\n")
                .hasMessageNotContaining("\u0000");
    }
}
