package dev.sieve.jpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.image.Planar;
import dev.sieve.image.io.SamplePhotos;
import dev.sieve.image.metrics.Channels;
import dev.sieve.image.metrics.Psnr;
import dev.sieve.image.metrics.PsnrS;
import dev.sieve.image.saliency.SaliencyMap;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JpegEncoderTest {
    private static final Planar PHOTO = SamplePhotos.kodim07();

    private static void assertDecodesEverywhere(byte[] jpeg, int w, int h, int channels) throws Exception {
        for (String reader : new String[] {"com.sun.imageio", "com.twelvemonkeys"}) {
            BufferedImage img = ReferenceTools.decodeWith(jpeg, reader);
            assertThat(img.getWidth()).as(reader).isEqualTo(w);
            assertThat(img.getHeight()).as(reader).isEqualTo(h);
        }
        Planar d = ReferenceTools.djpeg(jpeg);
        assertThat(d.width()).isEqualTo(w);
        assertThat(d.height()).isEqualTo(h);
        assertThat(d.channels()).isEqualTo(channels);
    }

    @ParameterizedTest(name = "{0}x{1}, {2} channel(s), {3}, optimize={4}, progressive={5}")
    @CsvSource({
        "1,1,3,S420,true,false", "1,1,1,S444,false,false", "7,9,3,S420,false,false", "7,9,3,S444,true,true",
        "17,33,3,S420,true,true", "17,33,1,S420,true,true", "4097,3,3,S420,true,false", "3,4097,3,S444,false,true",
        "8,8,3,S420,false,false", "16,16,1,S444,true,false", "31,17,3,S420,true,true"
    })
    void everySizeDecodesWithJdkTwelveMonkeysAndDjpeg(int w, int h, int channels, Subsampling s, boolean opt, boolean prog)
            throws Exception {
        Planar img = TestImages.synthetic(w, h, channels, w * 31L + h);
        byte[] jpeg = JpegEncoder.encode(img, new JpegOptions(90, s, opt, prog));
        assertDecodesEverywhere(jpeg, w, h, channels);
        assertThat(Psnr.of(img, ReferenceTools.djpeg(jpeg), Channels.RGB)).isGreaterThan(28);
    }

    @ParameterizedTest(name = "{0}x{1}, {2} channel(s), {3}, {4}, progressive={5}")
    @CsvSource({
        "1,1,3,S420,PSNR,false", "7,9,1,S444,VISUAL,false", "17,33,3,S420,PSNR_RGB,true", "31,17,3,S444,PSNR,true",
        "4097,3,3,S420,VISUAL,false", "16,16,1,S420,PSNR,true"
    })
    void rateDistortionTunesDecodeWithJdkTwelveMonkeysAndDjpeg(int w, int h, int channels, Subsampling s, Tune tune, boolean prog)
            throws Exception {
        Planar img = TestImages.synthetic(w, h, channels, w * 17L + h);
        byte[] jpeg = JpegEncoder.encode(img, new JpegOptions(85, s, true, prog, tune, 1));
        assertDecodesEverywhere(jpeg, w, h, channels);
        assertThat(Psnr.of(img, ReferenceTools.djpeg(jpeg), Channels.RGB)).isGreaterThan(25);
    }

    @ParameterizedTest(name = "Q{0} {1}")
    @CsvSource({"50,S420", "75,S420", "90,S444", "20,S444", "95,S420"})
    void plainModeIsWithinATenthOfADecibelOfCjpeg(int q, Subsampling s) throws Exception {
        byte[] ours = JpegEncoder.encode(PHOTO, new JpegOptions(q, s, true, false));
        byte[] ref = ReferenceTools.cjpeg(PHOTO, q, s, true);
        double psnrOurs = Psnr.of(PHOTO, ReferenceTools.djpeg(ours), Channels.RGB);
        double psnrRef = Psnr.of(PHOTO, ReferenceTools.djpeg(ref), Channels.RGB);
        assertThat(psnrOurs).isCloseTo(psnrRef, org.assertj.core.data.Offset.offset(0.1));
        assertThat((double) ours.length).isCloseTo(ref.length, org.assertj.core.data.Percentage.withPercentage(3));
    }

    @Test
    void optimizedTablesAreSmallerThanStandardOnesAndDecodeIdentically() throws Exception {
        JpegOptions std = new JpegOptions(75, Subsampling.S420, false, false);
        byte[] a = JpegEncoder.encode(PHOTO, std);
        byte[] b = JpegEncoder.encode(PHOTO, std.withOptimizeHuffman(true));
        assertThat(b.length).isLessThan(a.length);
        assertThat(ReferenceTools.djpeg(b)).isEqualTo(ReferenceTools.djpeg(a));
    }

    @Test
    void progressiveDecodesToTheSamePixelsAsBaseline() throws Exception {
        JpegOptions base = new JpegOptions(80, Subsampling.S420, true, false);
        byte[] a = JpegEncoder.encode(PHOTO, base);
        byte[] p = JpegEncoder.encode(PHOTO, base.withProgressive(true));
        assertThat(p[0] & 0xFF).isEqualTo(0xFF);
        assertThat(ReferenceTools.djpeg(p)).isEqualTo(ReferenceTools.djpeg(a));
    }

    @Test
    void sameInputGivesTheSameBytes() {
        JpegOptions o = new JpegOptions(60, Subsampling.S420, true, true);
        assertThat(JpegEncoder.encode(PHOTO, o)).isEqualTo(JpegEncoder.encode(PHOTO.copy(), o));
    }

    @Test
    void higherQualityGivesLargerFilesAndHigherPsnr() throws Exception {
        byte[] lo = JpegEncoder.encode(PHOTO, JpegOptions.quality(30));
        byte[] hi = JpegEncoder.encode(PHOTO, JpegOptions.quality(70));
        assertThat(hi.length).isGreaterThan(lo.length);
        assertThat(Psnr.of(PHOTO, ReferenceTools.djpeg(hi), Channels.RGB))
                .isGreaterThan(Psnr.of(PHOTO, ReferenceTools.djpeg(lo), Channels.RGB) + 1);
    }

    @Test
    void perBlockQualityAtTheTableQualityChangesNothing() {
        JpegOptions o = JpegOptions.quality(70);
        int bw = (PHOTO.width() + 7) / 8, bh = (PHOTO.height() + 7) / 8;
        float[] q = new float[bw * bh];
        java.util.Arrays.fill(q, 70f);
        for (BlockQuality.Method m : BlockQuality.Method.values()) {
            assertThat(JpegEncoder.encode(PHOTO, o, new BlockQuality(bw, bh, q, m)))
                    .isEqualTo(JpegEncoder.encode(PHOTO, o));
        }
    }

    @Test
    void lowerBlockQualityShrinksTheFileAndOnlyDegradesThoseBlocks() throws Exception {
        JpegOptions o = JpegOptions.quality(80);
        int bw = (PHOTO.width() + 7) / 8, bh = (PHOTO.height() + 7) / 8;
        float[] q = new float[bw * bh];
        float[] left = new float[PHOTO.pixels()];
        for (int by = 0; by < bh; by++) {
            for (int bx = 0; bx < bw; bx++) {
                q[by * bw + bx] = bx < bw / 2 ? 80f : 20f;
            }
        }
        for (int y = 0; y < PHOTO.height(); y++) {
            for (int x = 0; x < PHOTO.width() / 2 - 16; x++) {
                left[y * PHOTO.width() + x] = 1f;
            }
        }
        SaliencyMap leftMap = new SaliencyMap(PHOTO.width(), PHOTO.height(), left);
        Planar full = ReferenceTools.djpeg(JpegEncoder.encode(PHOTO, o));
        for (BlockQuality.Method m : BlockQuality.Method.values()) {
            byte[] mixed = JpegEncoder.encode(PHOTO, o, new BlockQuality(bw, bh, q, m));
            assertThat(mixed.length).as(m.name()).isLessThan(JpegEncoder.encode(PHOTO, o).length * 3 / 4);
            Planar d = ReferenceTools.djpeg(mixed);
            assertThat(PsnrS.of(PHOTO, d, leftMap, 0.5, Channels.RGB)).as(m.name())
                    .isCloseTo(PsnrS.of(PHOTO, full, leftMap, 0.5, Channels.RGB), org.assertj.core.data.Offset.offset(0.05));
        }
    }

    @Test
    void rejectsImagesBeyondTheJpegSizeLimit() {
        Planar huge = new Planar(70000, 1, new float[70000]);
        assertThatThrownBy(() -> JpegEncoder.encode(huge, JpegOptions.quality(50)))
                .hasMessageContaining("65535");
    }

    @Test
    void rejectsQualityOutsideOneToHundred() {
        assertThatThrownBy(() -> JpegOptions.quality(0)).hasMessageContaining("1..100");
        assertThatThrownBy(() -> JpegOptions.quality(Double.NaN)).hasMessageContaining("1..100");
    }
}
