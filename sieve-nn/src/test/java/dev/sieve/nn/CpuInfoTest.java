package dev.sieve.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CpuInfoTest {
    @Test
    void readsModelFamilyAndFlagsOfTheFirstProcessor() {
        CpuInfo c = CpuInfo.parse(List.of("processor\t: 0", "cpu family\t: 26", "model name\t: AMD EPYC", "flags\t\t: fpu sse4_1 avx2",
                "", "processor\t: 1", "model name\t: other", "flags\t\t: fpu"));
        assertThat(c.model()).isEqualTo("AMD EPYC");
        assertThat(c.family()).isEqualTo("26");
        assertThat(c.flags()).containsExactlyInAnyOrder("fpu", "sse4_1", "avx2");
        assertThat(OneDnnIsa.AVX2.supportedBy(c.flags())).isTrue();
        assertThat(OneDnnIsa.AVX512_CORE.supportedBy(c.flags())).isFalse();
    }

    @Test
    void missingFieldsAreEmpty() {
        CpuInfo c = CpuInfo.parse(List.of("nothing here"));
        assertThat(c.model()).isEqualTo("unknown");
        assertThat(c.flags()).isEmpty();
    }
}
