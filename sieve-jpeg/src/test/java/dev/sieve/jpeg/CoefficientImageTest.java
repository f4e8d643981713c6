package dev.sieve.jpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.image.Planar;
import dev.sieve.image.io.SamplePhotos;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class CoefficientImageTest {
    private static final Planar PHOTO = SamplePhotos.kodim07();

    @ParameterizedTest
    @EnumSource(Tune.class)
    void reusedCoefficientsGiveTheBytesOfAFreshEncode(Tune tune) {
        CoefficientImage ci = CoefficientImage.of(PHOTO, Subsampling.S420);
        for (double q : new double[] {20, 47.5, 80}) {
            JpegOptions o = JpegOptions.quality(q).withTune(tune);
            assertThat(JpegEncoder.encode(ci, o)).isEqualTo(JpegEncoder.encode(PHOTO.copy(), o));
        }
    }

    @ParameterizedTest
    @EnumSource(Tune.class)
    void bytesDoNotDependOnTheNumberOfThreads(Tune tune) throws Exception {
        JpegOptions o = JpegOptions.quality(60).withTune(tune).withSubsampling(Subsampling.S444);
        byte[] all = JpegEncoder.encode(PHOTO, o);
        ForkJoinPool one = new ForkJoinPool(1);
        try {
            assertThat(one.submit(() -> JpegEncoder.encode(PHOTO, o)).get()).isEqualTo(all);
        } finally {
            one.shutdown();
        }
    }

    @Test
    void optionsMustAgreeWithTheCoefficientsSubsampling() {
        CoefficientImage ci = CoefficientImage.of(PHOTO, Subsampling.S420);
        assertThatThrownBy(() -> JpegEncoder.encode(ci, JpegOptions.quality(50).withSubsampling(Subsampling.S444)))
                .hasMessageContaining("4:2:0");
    }

    @Test
    void blockWeightsNeedARateDistortionTune() {
        CoefficientImage ci = CoefficientImage.of(PHOTO, Subsampling.S420);
        float[] ones = new float[ci.blocksWide() * ci.blocksHigh()];
        java.util.Arrays.fill(ones, 1f);
        BlockWeights w = new BlockWeights(ci.blocksWide(), ci.blocksHigh(), ones);
        assertThatThrownBy(() -> JpegEncoder.encode(ci, JpegOptions.quality(50), null, w))
                .hasMessageContaining("rate-distortion tune");
        assertThat(JpegEncoder.encode(ci, JpegOptions.quality(50).withTune(Tune.PSNR), null, w))
                .isEqualTo(JpegEncoder.encode(ci, JpegOptions.quality(50).withTune(Tune.PSNR)));
    }
}
