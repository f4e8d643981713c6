package dev.sieve.jpeg.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.image.Planar;
import dev.sieve.image.io.SamplePhotos;
import dev.sieve.image.saliency.SaliencyMap;
import dev.sieve.jpeg.ReferenceTools;
import dev.sieve.jpeg.TestImages;
import dev.sieve.image.metrics.Channels;
import dev.sieve.image.metrics.Psnr;
import dev.sieve.image.metrics.PsnrS;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SemanticJpegTest {
    private static final Planar PHOTO = SamplePhotos.kodim07();
    /** The centre ellipse (half the width and height) is salient: 20 % of the photo. */
    private static SaliencyMap ellipse;
    private static SemanticResult plain;
    private static double plainPsnr;
    private static double plainPsnrS;

    @BeforeAll
    static void plainReference() throws Exception {
        int w = PHOTO.width(), h = PHOTO.height();
        float[] v = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double dx = (x - w / 2.0) / (w / 4.0), dy = (y - h / 2.0) / (h / 4.0);
                v[y * w + x] = dx * dx + dy * dy < 1 ? 1f : 0f;
            }
        }
        ellipse = new SaliencyMap(w, h, v);
        plain = SemanticJpeg.compress(PHOTO, ellipse, SemanticOptions.defaults(SemanticMode.PLAIN).withTune(dev.sieve.jpeg.Tune.CLASSIC));
        Planar d = ReferenceTools.djpeg(plain.jpeg());
        plainPsnr = Psnr.of(PHOTO, d, Channels.RGB);
        plainPsnrS = PsnrS.of(PHOTO, d, ellipse, 0.5, Channels.RGB);
    }

    @ParameterizedTest
    @EnumSource(SemanticMode.class)
    void everyModeMatchesTheSizeOfPlainJpegQ50WithinOnePercent(SemanticMode mode) {
        SemanticResult r = SemanticJpeg.compress(PHOTO, ellipse, SemanticOptions.defaults(mode));
        assertThat(r.referenceBytes()).isEqualTo(r.targetBytes()).isPositive();
        assertThat(r.withinTolerance()).isTrue();
        assertThat(Math.abs(r.sizeDeviation())).isLessThanOrEqualTo(0.01);
    }

    @Test
    void directModeIsSharperInTheSalientRegionAndLosesAtMostHalfADecibelOverall() throws Exception {
        SemanticResult r = SemanticJpeg.compress(PHOTO, ellipse, SemanticOptions.defaults(SemanticMode.DIRECT));
        Planar d = ReferenceTools.djpeg(r.jpeg());
        assertThat(PsnrS.of(PHOTO, d, ellipse, 0.5, Channels.RGB)).isGreaterThan(plainPsnrS + 0.5);
        assertThat(Psnr.of(PHOTO, d, Channels.RGB)).isGreaterThan(plainPsnr - 0.5);
    }

    @Test
    void mosaicModeIsSharperInTheSalientRegion() throws Exception {
        SemanticResult r = SemanticJpeg.compress(PHOTO, ellipse, SemanticOptions.defaults(SemanticMode.MOSAIC));
        Planar d = ReferenceTools.djpeg(r.jpeg());
        assertThat(PsnrS.of(PHOTO, d, ellipse, 0.5, Channels.RGB)).isGreaterThan(plainPsnrS + 0.3);
    }

    @Test
    void directModeBeatsTheThesisMosaicAtTheSameSize() throws Exception {
        SemanticResult direct = SemanticJpeg.compress(PHOTO, ellipse, SemanticOptions.defaults(SemanticMode.DIRECT));
        SemanticResult mosaic = SemanticJpeg.compress(PHOTO, ellipse, SemanticOptions.defaults(SemanticMode.MOSAIC));
        assertThat(Psnr.of(PHOTO, ReferenceTools.djpeg(direct.jpeg()), Channels.RGB))
                .isGreaterThan(Psnr.of(PHOTO, ReferenceTools.djpeg(mosaic.jpeg()), Channels.RGB));
    }

    @Test
    void explicitTargetBytesAreMatched() {
        SemanticResult r = SemanticJpeg.compress(PHOTO, ellipse,
                SemanticOptions.defaults(SemanticMode.DIRECT).withTargetBytes(50_000));
        assertThat(r.referenceBytes()).isZero();
        assertThat((double) r.jpeg().length).isCloseTo(50_000, Offset.offset(500.0));
    }

    @Test
    void levelsFollowEquation27() {
        SaliencyLevels lv = SaliencyLevels.of(SaliencyMap.uniform(16, 8, 0.5f), 16, 8, 5, 30, 70, false);
        assertThat(lv.qualities()).containsExactly(30, 38, 46, 54, 62);
        assertThat(lv.level(0, 0)).isEqualTo(2);
        SaliencyLevels inclusive = SaliencyLevels.of(SaliencyMap.uniform(16, 8, 1f), 16, 8, 5, 30, 70, true);
        assertThat(inclusive.qualities()).containsExactly(30, 40, 50, 60, 70);
        assertThat(inclusive.level(1, 0)).isEqualTo(4);
        assertThat(SaliencyLevels.of(SaliencyMap.uniform(8, 8, 0f), 8, 8, 5, 30, 70, false).level(0, 0)).isZero();
        assertThat(SaliencyLevels.of(SaliencyMap.uniform(8, 8, 0.2f), 8, 8, 5, 30, 70, false).level(0, 0)).isZero();
        assertThat(SaliencyLevels.of(SaliencyMap.uniform(8, 8, 0.21f), 8, 8, 5, 30, 70, false).level(0, 0)).isOne();
    }

    @Test
    void aSmallNonSquareMapIsStretchedOverTheWholeImage() {
        float[] v = new float[4 * 2];
        v[3] = 1f;
        SaliencyLevels lv = SaliencyLevels.of(new SaliencyMap(4, 2, v), 64, 16, 2, 30, 70, false);
        assertThat(lv.level(7, 0)).isEqualTo(1);
        assertThat(lv.level(0, 0)).isZero();
        assertThat(lv.level(7, 1)).isZero();
    }

    @Test
    void sameInputGivesTheSameBytes() {
        SemanticOptions o = SemanticOptions.defaults(SemanticMode.MOSAIC);
        assertThat(SemanticJpeg.compress(PHOTO, ellipse, o).jpeg())
                .isEqualTo(SemanticJpeg.compress(PHOTO.copy(), ellipse, o).jpeg());
    }

    @Test
    void semanticModesNeedAMap() {
        assertThatThrownBy(() -> SemanticJpeg.compress(PHOTO, null, SemanticOptions.defaults(SemanticMode.DIRECT)))
                .hasMessageContaining("needs a saliency map");
    }

    @Test
    void tinyImagesWork() throws Exception {
        Planar tiny = TestImages.synthetic(3, 2, 3, 7);
        for (SemanticMode m : SemanticMode.values()) {
            SemanticResult r = SemanticJpeg.compress(tiny, SaliencyMap.uniform(1, 1, 0.7f), SemanticOptions.defaults(m));
            assertThat(ReferenceTools.djpeg(r.jpeg()).width()).isEqualTo(3);
        }
    }
}
