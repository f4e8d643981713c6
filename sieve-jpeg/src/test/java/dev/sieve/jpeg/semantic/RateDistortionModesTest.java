package dev.sieve.jpeg.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.image.Planar;
import dev.sieve.image.io.SamplePhotos;
import dev.sieve.image.metrics.Channels;
import dev.sieve.image.metrics.Psnr;
import dev.sieve.image.metrics.PsnrS;
import dev.sieve.image.saliency.SaliencyMap;
import dev.sieve.jpeg.ReferenceTools;
import dev.sieve.jpeg.Tune;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Plain and saliency-weighted rate-distortion optimized encodes at the size of classic JPEG Q50, decoded by djpeg. */
class RateDistortionModesTest {
    private static final Planar PHOTO = SamplePhotos.kodim07();
    /** Centre ellipse over about 14 % of the photo. */
    private static SaliencyMap subject;
    private static double classicPsnr;
    private static double classicPsnrS;

    @BeforeAll
    static void classicReference() throws Exception {
        int w = PHOTO.width(), h = PHOTO.height();
        float[] v = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double dx = (x + 0.5 - w / 2.0) / (0.211 * w), dy = (y + 0.5 - h / 2.0) / (0.211 * h);
                v[y * w + x] = dx * dx + dy * dy < 1 ? 1f : 0f;
            }
        }
        subject = new SaliencyMap(w, h, v);
        SemanticResult classic = SemanticJpeg.compress(PHOTO, null, SemanticOptions.defaults(SemanticMode.PLAIN).withTune(Tune.CLASSIC));
        Planar d = ReferenceTools.djpeg(classic.jpeg());
        classicPsnr = Psnr.of(PHOTO, d, Channels.RGB);
        classicPsnrS = PsnrS.of(PHOTO, d, subject, 0.5, Channels.RGB);
    }

    private static SemanticResult run(SemanticMode mode, Tune tune) {
        SemanticResult r = SemanticJpeg.compress(PHOTO, subject, SemanticOptions.defaults(mode).withTune(tune));
        assertThat(r.withinTolerance()).as("size within 1 %%").isTrue();
        assertThat(Math.abs(r.sizeDeviation())).isLessThanOrEqualTo(0.01);
        return r;
    }

    @Test
    void psnrTuneGainsOverADecibelOverClassicJpegAtEqualBytes() throws Exception {
        Planar d = ReferenceTools.djpeg(run(SemanticMode.PLAIN, Tune.PSNR).jpeg());
        assertThat(Psnr.of(PHOTO, d, Channels.RGB)).isGreaterThan(classicPsnr + 1.0);
    }

    @Test
    void weightedPsnrTuneGainsOnTheSubjectWithoutLosingTheWholeImage() throws Exception {
        Planar d = ReferenceTools.djpeg(run(SemanticMode.DIRECT, Tune.PSNR).jpeg());
        assertThat(PsnrS.of(PHOTO, d, subject, 0.5, Channels.RGB)).isGreaterThan(classicPsnrS + 2.5);
        assertThat(Psnr.of(PHOTO, d, Channels.RGB)).isGreaterThan(classicPsnr);
    }

    @Test
    void visualTuneWeightedByTheMapGainsOnTheSubject() throws Exception {
        Planar d = ReferenceTools.djpeg(run(SemanticMode.DIRECT, Tune.VISUAL).jpeg());
        assertThat(PsnrS.of(PHOTO, d, subject, 0.5, Channels.RGB)).isGreaterThan(classicPsnrS + 1.5);
    }

    @Test
    void aWeightOfOneIsThePlainEncode() {
        SemanticOptions o = SemanticOptions.defaults(SemanticMode.DIRECT).withTune(Tune.PSNR).withSaliencyWeight(1).withFixedQuality(60);
        assertThat(SemanticJpeg.compress(PHOTO, subject, o).jpeg())
                .isEqualTo(SemanticJpeg.compress(PHOTO, null, o.withMode(SemanticMode.PLAIN)).jpeg());
    }

    @Test
    void largeImagesAreSearchedOnARowSampleAndStillMatchTheSizeAndAFreshEncode() {
        Planar big = dev.sieve.image.Resample.resize(PHOTO, 1536, 1024);
        SemanticOptions o = SemanticOptions.defaults(SemanticMode.DIRECT).withTune(Tune.PSNR);
        SemanticResult r = SemanticJpeg.compress(big, subject, o);
        assertThat(r.withinTolerance()).isTrue();
        assertThat(Math.abs(r.sizeDeviation())).isLessThanOrEqualTo(0.01);
        SemanticOptions fixed = o.withFixedQuality(r.finalQuality()).withLambdaScale(r.lambdaScale());
        assertThat(SemanticJpeg.compress(big, subject, fixed).jpeg()).isEqualTo(r.jpeg());
    }

    @Test
    void theSizeSearchKeepsItsCachedCoefficientsHonest() {
        SemanticResult r = run(SemanticMode.DIRECT, Tune.PSNR);
        SemanticOptions fixed = SemanticOptions.defaults(SemanticMode.DIRECT).withTune(Tune.PSNR)
                .withFixedQuality(r.finalQuality()).withLambdaScale(r.lambdaScale());
        assertThat(SemanticJpeg.compress(PHOTO.copy(), subject, fixed).jpeg()).isEqualTo(r.jpeg());
    }
}
