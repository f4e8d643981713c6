package dev.sieve.jpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.image.Planar;
import dev.sieve.image.defense.DefensePipeline;
import dev.sieve.image.io.SamplePhotos;
import org.junit.jupiter.api.Test;

class JpegDefenseTest {
    @Test
    void jpegStageIsAnEncodeDecodeRoundTripAtTheGivenQuality() throws Exception {
        Planar img = SamplePhotos.kodim07();
        DefensePipeline p = JpegDefense.registry().parse("jpeg:q=30");
        assertThat(p.spec()).isEqualTo("jpeg:q=30,subsampling=420");
        Planar out = p.apply(img, 0);
        Planar expected = JpegDecoder.decode(JpegEncoder.encode(img, JpegOptions.quality(30)));
        assertThat(out).isEqualTo(expected).isNotEqualTo(img);
        assertThat(out.width()).isEqualTo(img.width());
        assertThat(JpegDefense.registry().parse("deflect|jpeg:subsampling=444|wavelet").stages()).hasSize(3);
    }

    @Test
    void badQualityFailsWithOneLine() {
        assertThatThrownBy(() -> JpegDefense.registry().parse("jpeg:q=0")).hasMessageStartingWith("stage 'jpeg':");
        assertThatThrownBy(() -> JpegDefense.registry().parse("jpeg:subsampling=422")).hasMessageContaining("420 or 444");
    }
}
