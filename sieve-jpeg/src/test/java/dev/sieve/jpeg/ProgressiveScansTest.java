package dev.sieve.jpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.image.Planar;
import dev.sieve.image.io.SamplePhotos;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Progressive JPEG with successive approximation (T.81 G.1.2) and the searched scan script: the
 * progressive file must carry exactly the coefficients of the baseline file (libjpeg-turbo's djpeg
 * decodes both to the same pixels and its jpegtran transcodes both to the same optimized baseline
 * file, without a warning), decode in the JDK's and TwelveMonkeys' readers to the same pixels as
 * the baseline file, be smaller than baseline, and not depend on the number of threads.
 */
class ProgressiveScansTest {
    private static final Planar PHOTO = SamplePhotos.kodim07();
    private static final Tune[] TUNES = {Tune.CLASSIC, Tune.PSNR, Tune.VISUAL};

    static Stream<Arguments> photoCases() {
        List<Arguments> cases = new ArrayList<>();
        for (Tune t : TUNES) {
            for (Subsampling s : Subsampling.values()) {
                for (int q : new int[] {20, 50, 90}) {
                    cases.add(Arguments.of(q, s, t));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "kodim07 Q{0} {1} {2}")
    @MethodSource("photoCases")
    void photoDecodesToTheBaselinePixelsEverywhere(int q, Subsampling s, Tune t) throws Exception {
        assertSameImageAsBaseline(PHOTO, new JpegOptions(q, s, true, false).withTune(t));
    }

    static Stream<Arguments> syntheticCases() {
        List<Arguments> cases = new ArrayList<>();
        int[][] sizes = {{1, 1}, {7, 9}, {17, 33}, {31, 17}};
        for (int[] wh : sizes) {
            for (int channels : new int[] {1, 3}) {
                for (Subsampling s : Subsampling.values()) {
                    for (Tune t : TUNES) {
                        for (int q : new int[] {20, 50, 90}) {
                            cases.add(Arguments.of(wh[0], wh[1], channels, s, t, q));
                        }
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}x{1}x{2} {3} {4} Q{5}")
    @MethodSource("syntheticCases")
    void smallImagesDecodeToTheBaselinePixelsEverywhere(int w, int h, int channels, Subsampling s, Tune t, int q)
            throws Exception {
        Planar img = TestImages.synthetic(w, h, channels, w * 131L + h * 7L + channels);
        assertSameImageAsBaseline(img, new JpegOptions(q, s, true, false).withTune(t));
    }

    /** A mostly flat grey picture: AC end-of-band runs longer than 0x7FFF blocks in every scan. */
    @Test
    void endOfBandRunsLongerThanTheLimitAreSplit() throws Exception {
        int w = 2048, h = 1100;
        float[] p = new float[w * h];
        Arrays.fill(p, 100);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                p[(h / 2 + y) * w + w / 2 + x] = (x * 7 + y * 13) % 256;
            }
        }
        Planar img = new Planar(w, h, new float[][] {p});
        JpegOptions o = new JpegOptions(90, Subsampling.S420, true, false);
        assertSameImageAsBaseline(img, o);
        for (int seed = 0; seed < 3; seed++) {
            assertScriptDecodesToBaselinePixels(img, o, randomScript(1, new SplittableRandom(seed)));
        }
    }

    @ParameterizedTest(name = "Q{0}")
    @CsvSource({"50", "75"})
    void progressiveIsSmallerThanBaselineOnKodim07(int q) {
        for (Tune t : new Tune[] {Tune.CLASSIC, Tune.PSNR}) {
            JpegOptions o = JpegOptions.quality(q).withTune(t);
            int baseline = JpegEncoder.encode(PHOTO, o).length;
            int progressive = JpegEncoder.encode(PHOTO, o.withProgressive(true)).length;
            System.out.printf("kodim07 Q%d %s: baseline %d B, progressive %d B (%+.2f %%)%n", q, t, baseline,
                    progressive, 100.0 * (progressive - baseline) / baseline);
            assertThat(progressive).as("%s Q%d", t, q).isLessThan(baseline);
        }
    }

    @Test
    void sameBytesWithOneThreadAsWithAllCores() throws Exception {
        for (JpegOptions o : new JpegOptions[] {JpegOptions.quality(75).withProgressive(true),
            JpegOptions.quality(40).withProgressive(true).withTune(Tune.PSNR).withSubsampling(Subsampling.S444)}) {
            byte[] all = JpegEncoder.encode(PHOTO, o);
            ForkJoinPool one = new ForkJoinPool(1);
            try {
                byte[] single = one.submit(() -> JpegEncoder.encode(PHOTO, o)).get();
                assertThat(single).isEqualTo(all);
            } finally {
                one.shutdown();
            }
        }
    }

    /** The one-pass sizing of the search gives, for every candidate scan, the size of the coded scan. */
    @Test
    void candidateSizesEqualTheCodedScans() {
        List<Planar> images = List.of(PHOTO, TestImages.synthetic(7, 9, 3, 5), TestImages.synthetic(31, 17, 1, 6),
                TestImages.synthetic(1, 1, 3, 7), TestImages.synthetic(200, 120, 3, 8));
        int scans = 0;
        for (Planar img : images) {
            for (Subsampling s : Subsampling.values()) {
                for (int q : new int[] {10, 50, 90, 100}) {
                    JpegOptions o = new JpegOptions(q, s, true, true);
                    Map<Scan, long[]> both = new ScanScriptSearch(ScanCoder.progressive(frame(img, o))).candidateSizesBothWays();
                    for (Map.Entry<Scan, long[]> e : both.entrySet()) {
                        assertThat(e.getValue()[0]).as("%dx%d %s Q%d %s", img.width(), img.height(), s, q, e.getKey())
                                .isEqualTo(e.getValue()[1]);
                        scans++;
                    }
                }
            }
        }
        assertThat(scans).isGreaterThan(1000);
    }

    /** libjpeg's "simple progression" (jpeg_simple_progression) for colour and for grey. */
    @Test
    void simpleProgressionDecodesToTheBaselinePixels() throws Exception {
        for (int channels : new int[] {3, 1}) {
            Planar img = channels == 3 ? PHOTO : grey(PHOTO);
            for (int q : new int[] {20, 50, 90}) {
                JpegOptions o = JpegOptions.quality(q);
                byte[] simple = assertScriptDecodesToBaselinePixels(img, o, simpleProgression(channels));
                byte[] searched = JpegEncoder.encode(img, o.withProgressive(true));
                byte[] spectral = assertScriptDecodesToBaselinePixels(img, o, spectralSelection(channels));
                System.out.printf("%d channel(s) Q%d: simple progression %d B, spectral selection %d B, searched %d B%n",
                        channels, q, simple.length, spectral.length, searched.length);
                // the search sizes scans without the 0xFF00 stuffing of the coded data, hence the slack
                assertThat((double) searched.length).isLessThanOrEqualTo(simple.length * 1.001);
                assertThat((double) searched.length).isLessThanOrEqualTo(spectral.length * 1.001);
            }
        }
    }

    @Test
    void randomScriptsDecodeToTheBaselinePixels() throws Exception {
        SplittableRandom rnd = new SplittableRandom(42);
        List<Planar> images = List.of(PHOTO, grey(PHOTO), TestImages.synthetic(17, 33, 3, 1),
                TestImages.synthetic(31, 17, 1, 2), TestImages.synthetic(1, 1, 3, 3), TestImages.synthetic(70, 50, 3, 4));
        for (Planar img : images) {
            for (Subsampling s : Subsampling.values()) {
                for (int q : new int[] {30, 95}) {
                    for (int i = 0; i < 4; i++) {
                        List<Scan> script = randomScript(img.channels(), rnd);
                        JpegOptions o = new JpegOptions(q, s, true, false);
                        assertScriptDecodesToBaselinePixels(img, o, script);
                    }
                }
            }
        }
    }

    @Test
    void illegalScriptsAreRejected() {
        JpegOptions o = JpegOptions.quality(50);
        Planar img = TestImages.synthetic(16, 16, 3, 1);
        int[] y = {0}, cb = {1}, cr = {2}, all = {0, 1, 2};
        List<List<Scan>> bad = List.of(
                // AC of luma before its DC
                List.of(new Scan(y, 1, 63, 0, 0), new Scan(all, 0, 0, 0, 0), new Scan(cb, 1, 63, 0, 0),
                        new Scan(cr, 1, 63, 0, 0)),
                // chroma AC missing
                List.of(new Scan(all, 0, 0, 0, 0), new Scan(y, 1, 63, 0, 0)),
                // refinement skipping a bit plane
                List.of(new Scan(all, 0, 0, 0, 2), new Scan(all, 0, 0, 2, 0), new Scan(y, 1, 63, 0, 0),
                        new Scan(cb, 1, 63, 0, 0), new Scan(cr, 1, 63, 0, 0)),
                // a coefficient sent twice
                List.of(new Scan(all, 0, 0, 0, 0), new Scan(y, 1, 63, 0, 0), new Scan(y, 5, 9, 0, 0),
                        new Scan(cb, 1, 63, 0, 0), new Scan(cr, 1, 63, 0, 0)),
                // interleaved AC
                List.of(new Scan(all, 0, 0, 0, 0), new Scan(all, 1, 63, 0, 0)),
                // point transform beyond what the coder supports
                List.of(new Scan(all, 0, 0, 0, 0), new Scan(y, 1, 63, 0, 4), new Scan(y, 1, 63, 4, 3),
                        new Scan(y, 1, 63, 3, 2), new Scan(y, 1, 63, 2, 1), new Scan(y, 1, 63, 1, 0),
                        new Scan(cb, 1, 63, 0, 0), new Scan(cr, 1, 63, 0, 0)));
        for (List<Scan> script : bad) {
            assertThatThrownBy(() -> encodeWithScript(img, o, script)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    // ------------------------------------------------------------------------------------------

    /**
     * Encodes {@code img} baseline and progressive with {@code o}; both decode in djpeg (no
     * warning) to the same pixels, jpegtran -optimize makes the same file of both, and the JDK's and
     * TwelveMonkeys' readers decode both to the same pixels.
     */
    private static void assertSameImageAsBaseline(Planar img, JpegOptions o) throws Exception {
        byte[] baseline = JpegEncoder.encode(img, o.withProgressive(false));
        byte[] progressive = JpegEncoder.encode(img, o.withProgressive(true));
        assertThat(progressive[2] & 0xFF).isEqualTo(0xFF);
        assertThat(sofMarker(progressive)).isEqualTo(0xC2);
        Planar expected = ReferenceTools.djpegWithoutWarnings(baseline);
        assertThat(ReferenceTools.djpegWithoutWarnings(progressive)).isEqualTo(expected);
        // same coefficients: jpegtran makes the same optimized baseline file of both
        assertThat(ReferenceTools.jpegtranWithoutWarnings(progressive, "-copy", "none", "-optimize"))
                .isEqualTo(ReferenceTools.jpegtranWithoutWarnings(baseline, "-copy", "none", "-optimize"));
        for (String reader : new String[] {"com.sun.imageio", "com.twelvemonkeys"}) {
            BufferedImage p = ReferenceTools.decodeWith(progressive, reader);
            assertThat(p.getWidth()).as(reader).isEqualTo(img.width());
            assertThat(p.getHeight()).as(reader).isEqualTo(img.height());
            assertThat(pixels(p)).as(reader).isEqualTo(pixels(ReferenceTools.decodeWith(baseline, reader)));
        }
    }

    private static byte[] assertScriptDecodesToBaselinePixels(Planar img, JpegOptions o, List<Scan> script)
            throws Exception {
        byte[] progressive = encodeWithScript(img, o, script);
        byte[] baseline = JpegEncoder.encode(img, o.withProgressive(false));
        Planar expected = ReferenceTools.djpegWithoutWarnings(baseline);
        assertThat(ReferenceTools.djpegWithoutWarnings(progressive)).as("script %s", script).isEqualTo(expected);
        assertThat(ReferenceTools.jpegtranWithoutWarnings(progressive, "-copy", "none", "-optimize")).as("script %s", script)
                .isEqualTo(ReferenceTools.jpegtranWithoutWarnings(baseline, "-copy", "none", "-optimize"));
        BufferedImage jdk = ReferenceTools.decodeWith(progressive, "com.sun.imageio");
        assertThat(jdk.getWidth()).isEqualTo(img.width());
        return progressive;
    }

    /** Quantizes {@code img} as the encoder does (classic tune) and writes it with {@code script}. */
    private static byte[] encodeWithScript(Planar img, JpegOptions o, List<Scan> script) {
        JpegOptions p = o.withProgressive(true);
        return new EntropyEncoder(frame(img, p), p).write(script);
    }

    private static JpegEncoder.Frame frame(Planar img, JpegOptions o) {
        JpegEncoder.Frame f = new JpegEncoder.Frame(CoefficientImage.of(img, o.subsampling()), o);
        JpegEncoder.prepareQuantization(f, o.quality(), null, o.tune().tables);
        JpegEncoder.quantizeAll(f, false);
        return f;
    }

    /** libjpeg's jpeg_simple_progression script. */
    private static List<Scan> simpleProgression(int channels) {
        int[] y = {0};
        if (channels == 1) {
            return List.of(new Scan(y, 0, 0, 0, 1), new Scan(y, 1, 5, 0, 2), new Scan(y, 6, 63, 0, 2),
                    new Scan(y, 1, 63, 2, 1), new Scan(y, 0, 0, 1, 0), new Scan(y, 1, 63, 1, 0));
        }
        int[] all = {0, 1, 2}, cb = {1}, cr = {2};
        return List.of(new Scan(all, 0, 0, 0, 1), new Scan(y, 1, 5, 0, 2), new Scan(cr, 1, 63, 0, 1),
                new Scan(cb, 1, 63, 0, 1), new Scan(y, 6, 63, 0, 2), new Scan(y, 1, 63, 2, 1),
                new Scan(all, 0, 0, 1, 0), new Scan(cr, 1, 63, 1, 0), new Scan(cb, 1, 63, 1, 0),
                new Scan(y, 1, 63, 1, 0));
    }

    /** The former fixed script: spectral selection only (DC; luma 1–5, 6–63; chroma 1–63). */
    private static List<Scan> spectralSelection(int channels) {
        List<Scan> s = new ArrayList<>();
        s.add(new Scan(channels == 1 ? new int[] {0} : new int[] {0, 1, 2}, 0, 0, 0, 0));
        s.add(new Scan(new int[] {0}, 1, 5, 0, 0));
        s.add(new Scan(new int[] {0}, 6, 63, 0, 0));
        for (int c = 1; c < channels; c++) {
            s.add(new Scan(new int[] {c}, 1, 63, 0, 0));
        }
        return s;
    }

    /**
     * A random complete progression: DC scans of a random grouping of the components with Al in
     * 0..3, each component's AC split into 1–4 bands with Al in 0..3, then refinements in random
     * order over random runs of coefficients at the same bit plane, DC refinements among them.
     */
    static List<Scan> randomScript(int channels, SplittableRandom rnd) {
        List<Scan> script = new ArrayList<>();
        List<int[]> dcUnits = new ArrayList<>();
        if (channels == 1) {
            dcUnits.add(new int[] {0});
        } else {
            int[][][] groupings = {{{0, 1, 2}}, {{0}, {1}, {2}}, {{0}, {1, 2}}, {{0, 1}, {2}}, {{0, 2}, {1}}};
            dcUnits.addAll(Arrays.asList(groupings[rnd.nextInt(groupings.length)]));
        }
        int[] dcAl = new int[dcUnits.size()];
        for (int u = 0; u < dcAl.length; u++) {
            dcAl[u] = rnd.nextInt(4);
            script.add(new Scan(dcUnits.get(u), 0, 0, 0, dcAl[u]));
        }
        int[][] known = new int[channels][64];
        List<Scan> firsts = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            int bands = 1 + rnd.nextInt(4), start = 1;
            for (int b = 0; b < bands && start <= 63; b++) {
                int end = b == bands - 1 ? 63 : Math.min(63, start + rnd.nextInt(20));
                int al = rnd.nextInt(4);
                firsts.add(new Scan(new int[] {c}, start, end, 0, al));
                Arrays.fill(known[c], start, end + 1, al);
                start = end + 1;
            }
        }
        while (!firsts.isEmpty()) {
            script.add(firsts.remove(rnd.nextInt(firsts.size())));
        }
        while (true) {
            List<Scan> ready = new ArrayList<>();
            for (int u = 0; u < dcAl.length; u++) {
                if (dcAl[u] > 0) {
                    ready.add(new Scan(dcUnits.get(u), 0, 0, dcAl[u], dcAl[u] - 1));
                }
            }
            for (int c = 0; c < channels; c++) {
                int[] planes = known[c];
                int[] pending = IntStream.range(1, 64).filter(j -> planes[j] > 0).toArray();
                if (pending.length == 0) {
                    continue;
                }
                int k = pending[rnd.nextInt(pending.length)], lo = k, hi = k, plane = known[c][k];
                while (lo > 1 && known[c][lo - 1] == plane && rnd.nextInt(8) > 0) {
                    lo--;
                }
                while (hi < 63 && known[c][hi + 1] == plane && rnd.nextInt(8) > 0) {
                    hi++;
                }
                ready.add(new Scan(new int[] {c}, lo, hi, plane, plane - 1));
            }
            if (ready.isEmpty()) {
                return script;
            }
            Scan s = ready.get(rnd.nextInt(ready.size()));
            script.add(s);
            if (s.ss() == 0) {
                for (int u = 0; u < dcAl.length; u++) {
                    if (dcUnits.get(u) == s.components()) {
                        dcAl[u]--;
                    }
                }
            } else {
                Arrays.fill(known[s.components()[0]], s.ss(), s.se() + 1, s.al());
            }
        }
    }

    private static Planar grey(Planar p) {
        return new Planar(p.width(), p.height(), new float[][] {p.plane(0).clone()});
    }

    private static int sofMarker(byte[] jpeg) {
        int i = 2;
        while (i + 3 < jpeg.length) {
            int m = jpeg[i + 1] & 0xFF;
            if (m >= 0xC0 && m <= 0xC2) {
                return m;
            }
            i += 2 + (((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF));
        }
        return -1;
    }

    private static int[] pixels(BufferedImage img) {
        Raster r = img.getRaster();
        return r.getPixels(0, 0, r.getWidth(), r.getHeight(), (int[]) null);
    }

}
