package dev.sieve.jpeg.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.sieve.image.Planar;
import dev.sieve.image.Resample;
import dev.sieve.image.io.SamplePhotos;
import dev.sieve.image.metrics.Bjontegaard;
import dev.sieve.image.metrics.Channels;
import dev.sieve.image.metrics.Psnr;
import dev.sieve.image.saliency.SaliencyMap;
import dev.sieve.jpeg.JpegDecoder;
import dev.sieve.jpeg.JpegEncoder;
import dev.sieve.jpeg.JpegOptions;
import dev.sieve.jpeg.eval.RateDistortionEvaluation.Config;
import dev.sieve.jpeg.eval.RateDistortionEvaluation.Method;
import dev.sieve.jpeg.eval.RateDistortionEvaluation.Subject;
import dev.sieve.jpeg.eval.RateDistortionReport.BdRow;
import dev.sieve.jpeg.eval.RateDistortionReport.EqualBytesRow;
import dev.sieve.jpeg.eval.RateDistortionReport.Point;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rate–distortion protocol on two kodim07 crops, with cjpeg (libjpeg-turbo) as baseline. */
class RateDistortionEvaluationTest {
    private static final ExternalEncoder CJPEG = new ExternalEncoder("cjpeg", "cjpeg -optimize -quality {q}");
    /** Sieve's encoder with libjpeg's rules (Annex K tables, rounding, optimized Huffman, 4:2:0): cjpeg's peer. */
    private static final Method PLAIN = Method.sieve("plain", "Sieve JpegEncoder, JpegOptions.quality(q)",
            (s, q) -> JpegEncoder.encode(s.image(), JpegOptions.quality(q)));
    /** A "Sieve method" that is the baseline itself: every delta against it must be exactly 0. */
    private static final Method SELF = Method.sieve("self", "cjpeg run as if it were Sieve", (s, q) -> CJPEG.encode(s.image(), q));

    static List<Subject> subjects;
    static RateDistortionReport report;

    @BeforeAll
    static void run() throws IOException {
        Planar kodim = Resample.resize(SamplePhotos.kodim07(), 384, 256);
        subjects = List.of(crop(kodim, 0, 0, "a"), crop(kodim, 170, 60, "b"));
        RateDistortionEvaluation eval = new RateDistortionEvaluation(Config.defaults(), List.of(PLAIN, SELF,
                Method.baseline(CJPEG)));
        int[] steps = {0};
        report = eval.run(subjects, () -> steps[0]++);
        assertThat(steps[0]).isEqualTo(2 * eval.encodesPerImage()).isEqualTo(2 * 3 * 7);
        report.bdCsv().lines().filter(l -> l.startsWith("mean,plain")).forEach(System.out::println);
        report.equalBytesCsv().lines().filter(l -> l.startsWith("mean,plain")).forEach(System.out::println);
    }

    private static Subject crop(Planar img, int x0, int y0, String name) {
        int w = 192, h = 176;
        Planar c = Planar.zeros(w, h, 3);
        for (int k = 0; k < 3; k++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(img.plane(k), (y + y0) * img.width() + x0, c.plane(k), y * w, w);
            }
        }
        float[] m = new float[w * h];
        for (int i = 0; i < m.length; i++) {
            m[i] = i % w < w / 2 ? 1f : 0f;
        }
        return new Subject(name, c, new SaliencyMap(w, h, m));
    }

    @Test
    void everyPointIsMeasuredOnTheDecodedFile() {
        assertThat(report.points()).hasSize(2 * 3 * 7);
        Point p = report.curve("b", "cjpeg").get(2);
        assertThat(p.quality()).isEqualTo(50);
        Planar img = subjects.get(1).image();
        byte[] jpeg;
        try {
            jpeg = CJPEG.encode(img, 50);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThat(p.bytes()).isEqualTo(jpeg.length);
        assertThat(p.bpp()).isEqualTo(8.0 * jpeg.length / (192 * 176));
        assertThat(p.psnr()).isEqualTo(Psnr.of(img, JpegDecoder.decode(jpeg), Channels.LUMA));
        for (String m : List.of("plain", "self", "cjpeg")) {
            List<Point> c = report.curve("a", m);
            for (int i = 1; i < c.size(); i++) {
                assertThat(c.get(i).bytes()).as(m).isGreaterThan(c.get(i - 1).bytes());
                assertThat(c.get(i).psnr()).as(m).isGreaterThan(c.get(i - 1).psnr());
                assertThat(c.get(i).psnrS()).isFinite();
                assertThat(c.get(i).msSsim()).isBetween(0.8, 1.0);
            }
        }
    }

    @Test
    void aMethodAgainstItselfHasZeroDeltas() {
        for (BdRow r : report.bd()) {
            if (r.method().equals("self")) {
                assertThat(r.bdRatePercent()).as(r.toString()).isZero();
                assertThat(r.bdQuality()).as(r.toString()).isZero();
            }
        }
        for (EqualBytesRow r : report.equalBytes()) {
            if (r.method().equals("self")) {
                assertThat(r.difference()).as(r.toString()).isZero();
            }
        }
    }

    @Test
    void sievePlainIsCloseToCjpegOptimize() {
        // Sieve's classic encoder is within 0.1 dB and 3 % of cjpeg -optimize at the same Q (README)
        for (RdMetric k : List.of(RdMetric.PSNR, RdMetric.PSNR_S)) {
            assertThat(report.meanEqualBytes("plain", "cjpeg", k).difference()).as(k.key()).isBetween(-0.3, 0.3);
            assertThat(report.meanBd("plain", "cjpeg", k).bdRatePercent()).as(k.key()).isBetween(-4.0, 4.0);
            assertThat(report.meanBd("plain", "cjpeg", k).bdQuality()).as(k.key()).isBetween(-0.25, 0.25);
            assertThat(report.meanBd("plain", "cjpeg", k).n()).isEqualTo(2);
        }
    }

    @Test
    void equalBytesInterpolatesTheBaselineAtTheSieveFilesSize() {
        for (EqualBytesRow r : report.equalBytes()) {
            if (r.image().equals(RateDistortionReport.MEAN) || !r.method().equals("plain") || r.metric() != RdMetric.PSNR) {
                continue;
            }
            Point sieve = report.curve(r.image(), "plain").get(2);
            assertThat(r.quality()).isEqualTo(50);
            assertThat(r.bytes()).isEqualTo(sieve.bytes());
            assertThat(r.methodValue()).isEqualTo(sieve.psnr());
            List<Point> base = report.curve(r.image(), "cjpeg");
            double[] bytes = base.stream().mapToDouble(Point::bytes).toArray();
            double[] psnr = base.stream().mapToDouble(Point::psnr).toArray();
            assertThat(r.baselineValue()).isEqualTo(Bjontegaard.qualityAtRate(bytes, psnr, sieve.bytes()));
            // monotone PCHIP: the value lies between the baseline points around the size
            int k = 0;
            while (bytes[k + 1] < sieve.bytes()) {
                k++;
            }
            assertThat(r.baselineValue()).isBetween(psnr[k], psnr[k + 1]);
            assertThat(r.difference()).isEqualTo(r.methodValue() - r.baselineValue());
        }
        EqualBytesRow mean = report.meanEqualBytes("plain", "cjpeg", RdMetric.SSIM);
        List<EqualBytesRow> per = report.equalBytes().stream().filter(r -> !r.image().equals(RateDistortionReport.MEAN)
                && r.method().equals("plain") && r.metric() == RdMetric.SSIM).toList();
        assertThat(mean.difference()).isCloseTo((per.get(0).difference() + per.get(1).difference()) / 2, within(1e-15));
    }

    @Test
    void filesAndSummaryHoldTheSameRows(@TempDir Path dir) throws IOException {
        report.writeCsv(dir);
        List<String> rd = Files.readAllLines(dir.resolve("rd.csv"));
        assertThat(rd.get(0)).isEqualTo("image,method,q,bytes,bpp,psnr,psnr_s,ssim,ms_ssim");
        assertThat(rd).hasSize(1 + 42);
        assertThat(rd.get(1)).startsWith("a,plain,30,");
        List<String> bd = Files.readAllLines(dir.resolve("bd.csv"));
        assertThat(bd.get(0)).isEqualTo("image,method,baseline,metric,bd_rate_percent,bd_quality,n,note");
        assertThat(bd).hasSize(1 + (2 + 1) * 2 * 1 * 4);
        assertThat(bd).anySatisfy(l -> assertThat(l).startsWith("mean,plain,cjpeg,psnr_s,"));
        List<String> eq = Files.readAllLines(dir.resolve("equal_bytes.csv"));
        assertThat(eq.get(0)).isEqualTo("image,method,baseline,metric,q,bytes,method_value,baseline_value,difference,n,note");
        assertThat(eq).hasSize(1 + (2 + 1) * 2 * 1 * 4);
        Map<String, Object> s = report.summary();
        assertThat((List<?>) s.get("points")).hasSize(42);
        assertThat((List<?>) s.get("bd")).hasSize(24);
        assertThat(s.get("sweep")).isEqualTo(List.of(30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0));
        assertThat(report.meanCurve("cjpeg", RdMetric.PSNR)).hasSize(7);
    }

    @Test
    void undefinedMetricsAndExtrapolationBecomeNotes() throws IOException {
        Planar small = Resample.resize(SamplePhotos.kodim07(), 96, 64); // under 161 px: no MS-SSIM; no map: no PSNR-S
        Method high = Method.sieve("q95", "always Q95, bigger than any baseline file",
                (s, q) -> CJPEG.encode(s.image(), 95));
        RateDistortionReport r = new RateDistortionEvaluation(Config.defaults().withSweep(List.of(40.0, 60.0, 80.0)),
                List.of(high, Method.baseline(CJPEG))).run(List.of(new Subject("small", small, null)), () -> { });
        BdRow ms = r.bd().stream().filter(b -> b.image().equals("small") && b.metric() == RdMetric.MS_SSIM).findFirst().orElseThrow();
        assertThat(ms.bdRatePercent()).isNaN();
        assertThat(ms.note()).contains("ms_ssim is undefined");
        assertThat(r.meanBd("q95", "cjpeg", RdMetric.PSNR_S).n()).isZero();
        assertThat(r.meanBd("q95", "cjpeg", RdMetric.PSNR_S).note()).isEqualTo("over 0 of 1 images");
        BdRow psnr = r.meanBd("q95", "cjpeg", RdMetric.PSNR);
        assertThat(psnr.bdRatePercent()).isNaN(); // one point per quality: its curve has equal qualities
        assertThat(r.bd().get(0).note()).contains("same");
        EqualBytesRow e = r.equalBytes().get(0);
        assertThat(e.quality()).isEqualTo(50); // the reference quality joins the sweep
        assertThat(e.baselineValue()).isNaN();
        assertThat(e.note()).contains("outside the curve's rate range", "no extrapolation");
        assertThat(r.equalBytesCsv()).contains("small,q95,cjpeg,psnr,50,");
        assertThat(r.summary().get("bd").toString()).contains("bd_rate_percent=null");
    }

    @Test
    void failuresNameMethodQualityAndImage() {
        Method broken = Method.sieve("broken", "", (s, q) -> {
            throw new IOException("disk full");
        });
        RateDistortionEvaluation e = new RateDistortionEvaluation(Config.defaults(), List.of(broken, Method.baseline(CJPEG)));
        assertThatThrownBy(() -> e.evaluate(subjects.get(0), () -> { })).isInstanceOf(IOException.class)
                .hasMessage("broken at q 30 on a: disk full");
        RateDistortionEvaluation bad = new RateDistortionEvaluation(Config.defaults(),
                List.of(PLAIN, Method.baseline(new ExternalEncoder("cj", "cjpeg -quality {q} -bogus"))));
        assertThatThrownBy(() -> bad.evaluate(subjects.get(0), () -> { })).hasMessageStartingWith(
                "cj at q 30 on a: `cjpeg -quality 30 -bogus` exited with status 1");
        assertThatThrownBy(() -> new RateDistortionEvaluation(Config.defaults(), List.of(PLAIN)))
                .hasMessageContaining("at least one baseline");
        assertThatThrownBy(() -> new RateDistortionEvaluation(Config.defaults(), List.of(Method.baseline(CJPEG))))
                .hasMessageContaining("at least one Sieve method");
        assertThatThrownBy(() -> new RateDistortionEvaluation(Config.defaults(), List.of(PLAIN, PLAIN, Method.baseline(CJPEG))))
                .hasMessageContaining("two methods are called 'plain'");
        assertThatThrownBy(() -> Config.defaults().withSweep(List.of(30.0, 101.0))).hasMessageContaining("[1, 100]");
        assertThatThrownBy(() -> Config.defaults().withSweep(List.of(50.0))).hasMessageContaining("at least 2");
        assertThat(Config.defaults().withSweep(List.of(90.0, 20.0)).sweep()).containsExactly(20.0, 50.0, 90.0);
    }
}
