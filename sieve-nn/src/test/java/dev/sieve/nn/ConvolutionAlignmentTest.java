package dev.sieve.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.nn.model.Architectures;
import dev.sieve.nn.model.SieveModel;
import org.junit.jupiter.api.Test;

class ConvolutionAlignmentTest {
    @Test
    void channelCountsUpToEightOrMultiplesOfEightAreAligned() {
        assertThat(ConvolutionAlignment.aligned(1)).isTrue();
        assertThat(ConvolutionAlignment.aligned(3)).isTrue();
        assertThat(ConvolutionAlignment.aligned(8)).isTrue();
        assertThat(ConvolutionAlignment.aligned(9)).isFalse();
        assertThat(ConvolutionAlignment.aligned(12)).isFalse();
        assertThat(ConvolutionAlignment.aligned(24)).isTrue();
        assertThat(ConvolutionAlignment.aligned(100)).isFalse();
    }

    @Test
    void theZoosClassifiersArePlannedAlignedAndOddWidthsOrGroupsAreNot() {
        for (String arch : new String[] {"c3-32", "c5-64", "resnet20", "resnet56", "resnet18", "resnet50", "vgg16"}) {
            assertThat(ConvolutionAlignment.planned(Architectures.build(arch, 10))).as(arch).isTrue();
        }
        assertThat(ConvolutionAlignment.planned(Architectures.build("c3-12", 10))).isFalse();
        assertThat(ConvolutionAlignment.planned(Architectures.build("c2-20", 10))).isFalse();
        assertThat(ConvolutionAlignment.planned(Architectures.build("msroi-2-16", 10))).as("grouped MS-ROI head").isFalse();
    }

    @Test
    void aGroupedConvolutionIsNotCheckedSoNotAligned() {
        try (SieveModel msroi = ConvolutionFallbackProbe.model("msroi-1-8")) {
            assertThat(ConvolutionAlignment.firstUnaligned(msroi.network())).hasValueSatisfying(d -> assertThat(d).startsWith(
                    "a grouped convolution (3 groups"));
        }
    }

    @Test
    void anInitializedNetworkNamesItsFirstUnalignedConvolution() {
        try (SieveModel ok = ConvolutionFallbackProbe.model("c3-32"); SieveModel odd = ConvolutionFallbackProbe.model("c3-12")) {
            assertThat(ConvolutionAlignment.firstUnaligned(ok.network())).isEmpty();
            assertThat(ConvolutionAlignment.firstUnaligned(odd.network())).hasValueSatisfying(d -> assertThat(d).startsWith(
                    "a convolution with 12 input channels"));
        }
    }
}
