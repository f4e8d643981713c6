package dev.sieve.jpeg;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sieve.image.Planar;
import java.util.Arrays;

/**
 * Coverage-guided fuzzing of the encoder round trip: any size from 1×1 to 4096 a side (at most
 * 65 536 pixels, so a fuzzing second sees several inputs), 1 or 3 channels, any samples (values outside
 * [0, 255] included), every subsampling, tune, quality, baseline or progressive, optimized
 * Huffman tables or not. Every output must decode in the JDK's ImageIO reader and in djpeg
 * (libjpeg-turbo) without a warning, at the input's size, and encode again to the same bytes.
 */
class JpegEncoderFuzzTest {
    private static final int MAX_PIXELS = 1 << 16;

    @FuzzTest(maxDuration = "15s")
    void everyEncodingDecodesAtItsSizeInTwoDecoders(FuzzedDataProvider data) throws Exception {
        int w = data.consumeInt(1, 4096);
        int h = Math.min(data.consumeInt(1, 4096), Math.max(1, MAX_PIXELS / w));
        int channels = data.consumeBoolean() ? 3 : 1;
        JpegOptions options = new JpegOptions(data.consumeInt(1, 100), data.pickValue(Subsampling.values()),
                data.consumeBoolean(), data.consumeBoolean(), data.pickValue(Tune.values()), 1);
        byte[] pattern = data.consumeRemainingAsBytes();
        float[][] planes = new float[channels][w * h];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < w * h; i++) {
                planes[c][i] = pattern.length == 0 ? 128 : (pattern[(c * 7919 + i) % pattern.length] * 2.5f - 60f);
            }
        }
        Planar img = channels == 3 ? new Planar(w, h, planes[0], planes[1], planes[2]) : new Planar(w, h, planes[0]);
        byte[] jpeg = JpegEncoder.encode(img, options);
        if (!Arrays.equals(jpeg, JpegEncoder.encode(img, options))) {
            throw new AssertionError("not deterministic: " + w + "x" + h + " " + options);
        }
        Planar back = JpegDecoder.decode(jpeg);
        if (back.width() != w || back.height() != h) {
            throw new AssertionError("ImageIO decoded " + back.width() + "x" + back.height() + " from " + w + "x" + h + " " + options);
        }
        Planar ref = ReferenceTools.djpegWithoutWarnings(jpeg);
        if (ref.width() != w || ref.height() != h || ref.channels() != channels) {
            throw new AssertionError("djpeg decoded " + ref.width() + "x" + ref.height() + " from " + w + "x" + h + " " + options);
        }
    }
}
