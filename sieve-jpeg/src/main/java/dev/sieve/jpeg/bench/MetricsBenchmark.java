package dev.sieve.jpeg.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.sieve.image.Planar;
import dev.sieve.image.Resample;
import dev.sieve.image.metrics.Channels;
import dev.sieve.image.metrics.MsSsim;
import dev.sieve.image.metrics.Psnr;
import dev.sieve.image.metrics.PsnrHvs;
import dev.sieve.image.metrics.PsnrHvsM;
import dev.sieve.image.metrics.PsnrS;
import dev.sieve.image.metrics.QualityReport;
import dev.sieve.image.metrics.Ssim;
import dev.sieve.image.metrics.Vifp;
import dev.sieve.image.saliency.SaliencyMap;
import dev.sieve.jpeg.JpegDecoder;
import dev.sieve.jpeg.JpegEncoder;
import dev.sieve.jpeg.JpegOptions;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * Throughput of each quality metric (BT.601 luma) on a large pair: a photo upscaled to a given size
 * against its JPEG at quality 50 (Sieve's encoder, 4:2:0), PSNR-S with a centred-ellipse map. Each metric's
 * time is the fastest of {@code runs} runs after one warm-up (the least disturbed by other processes and
 * the collector), with the process CPU time (all threads) of that run; Sieve's PSNR is the baseline.
 */
public final class MetricsBenchmark {
    /** The metric every time is compared with. */
    public static final String BASELINE = "PSNR";

    /** Seconds of wall-clock and process CPU time of one timed run, and the metric's value. */
    public record Timing(double wall, double cpu, double value) {
    }

    /** The compared pair: reference, its JPEG at Q50 and the centre map of PSNR-S. */
    public record Pair(Planar reference, Planar distorted, SaliencyMap centre) {
        /** {@code source} upscaled to about {@code megapixels} (quantized to 8 bits), against its JPEG at Q50. */
        public static Pair of(Planar source, double megapixels) {
            int[] size = size(source, megapixels);
            Planar ref = Resample.resize(source, size[0], size[1]).quantized8();
            return new Pair(ref, JpegDecoder.decode(JpegEncoder.encode(ref, JpegOptions.quality(50))), centreMap(size[0], size[1]));
        }

        /** Megapixels compared. */
        public double megapixels() {
            return reference.pixels() / 1e6;
        }
    }

    private MetricsBenchmark() {
    }

    /** The width and height {@code source} is upscaled to for about {@code megapixels}. */
    public static int[] size(Planar source, double megapixels) {
        double scale = Math.sqrt(megapixels * 1e6 / source.pixels());
        return new int[] {(int) Math.round(source.width() * scale), (int) Math.round(source.height() * scale)};
    }

    /** Times the seven metrics and the whole report on {@code p}, in report order; {@code timing} hears each metric's name first. */
    public static Map<String, Timing> run(Pair p, int runs, Consumer<String> timing) {
        Planar ref = p.reference(), dist = p.distorted();
        SaliencyMap centre = p.centre();
        Channels y = Channels.LUMA;
        Map<String, DoubleSupplier> metrics = new LinkedHashMap<>();
        metrics.put(BASELINE, () -> Psnr.of(ref, dist, y));
        metrics.put("PSNR-S", () -> PsnrS.of(ref, dist, centre, PsnrS.DEFAULT_THRESHOLD, y));
        metrics.put("PSNR-HVS", () -> PsnrHvs.of(ref, dist, y));
        metrics.put("PSNR-HVS-M", () -> PsnrHvsM.of(ref, dist, y));
        metrics.put("SSIM", () -> Ssim.of(ref, dist, y));
        metrics.put("MS-SSIM", () -> MsSsim.of(ref, dist, y));
        metrics.put("VIFp", () -> Vifp.of(ref, dist, y));
        metrics.put("all seven", () -> QualityReport.of(ref, dist, centre, PsnrS.DEFAULT_THRESHOLD, y).psnr());
        Map<String, Timing> timed = new LinkedHashMap<>();
        for (Map.Entry<String, DoubleSupplier> m : metrics.entrySet()) {
            timing.accept(m.getKey());
            timed.put(m.getKey(), best(m.getValue(), runs));
        }
        return timed;
    }

    /** The fastest of {@code runs} runs of {@code metric} after one warm-up. */
    static Timing best(DoubleSupplier metric, int runs) {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Timing best = new Timing(Double.POSITIVE_INFINITY, 0, metric.getAsDouble());
        for (int i = 0; i < runs; i++) {
            long cpu = os.getProcessCpuTime(), start = System.nanoTime();
            double value = metric.getAsDouble();
            double wall = (System.nanoTime() - start) / 1e9;
            if (wall < best.wall()) {
                best = new Timing(wall, (os.getProcessCpuTime() - cpu) / 1e9, value);
            }
        }
        return best;
    }

    /** A saliency map that is 1 inside a centred ellipse over half the width and height, for PSNR-S. */
    private static SaliencyMap centreMap(int w, int h) {
        float[] v = new float[w * h];
        for (int yy = 0; yy < h; yy++) {
            double dy = (yy - h / 2.0) / (h / 4.0);
            for (int x = 0; x < w; x++) {
                double dx = (x - w / 2.0) / (w / 4.0);
                v[yy * w + x] = dx * dx + dy * dy <= 1 ? 1f : 0f;
            }
        }
        return new SaliencyMap(w, h, v);
    }
}
