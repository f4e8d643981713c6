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
    void theZoosNetworksArePlannedAlignedAndOddWidthsAreNot() {
        for (String arch : new String[] {"c3-32", "c5-64", "resnet20", "resnet56", "resnet18", "resnet50", "vgg16", "msroi-4-8x8-bn",
            "msroi"}) {
            assertThat(ConvolutionAlignment.planned(Architectures.build(arch, 10))).as(arch).isTrue();
        }
        assertThat(ConvolutionAlignment.planned(Architectures.build("c3-12", 10))).isFalse();
        assertThat(ConvolutionAlignment.planned(Architectures.build("c2-20", 10))).isFalse();
        assertThat(ConvolutionAlignment.planned(Architectures.build("msroi-2-16x12", 10))).as("12 channels per class group").isFalse();
    }

    @Test
    void aGroupedConvolutionIsJudgedByItsChannelsPerGroup() {
        alignedAndNamed("msroi-1-8", "msroi-1-8x12", "a convolution with 12 input channels per group");
    }

    @Test
    void anInitializedNetworkNamesItsFirstUnalignedConvolution() {
        alignedAndNamed("c3-32", "c3-12", "a convolution with 12 input channels");
    }

    /** The initialized {@code aligned} has no unaligned convolution; {@code odd}'s first is described as {@code description}. */
    private static void alignedAndNamed(String aligned, String odd, String description) {
        try (SieveModel ok = ConvolutionFallbackProbe.model(aligned); SieveModel bad = ConvolutionFallbackProbe.model(odd)) {
            assertThat(ConvolutionAlignment.firstUnaligned(ok.network())).isEmpty();
            assertThat(ConvolutionAlignment.firstUnaligned(bad.network())).hasValueSatisfying(d -> assertThat(d).startsWith(description));
        }
    }
}
