package dev.sieve.nn.bench;

import dev.sieve.image.Planar;
import dev.sieve.image.Resample;
import dev.sieve.image.bench.MedianTime;
import dev.sieve.image.io.SamplePhotos;
import dev.sieve.image.saliency.SpectralResidual;
import dev.sieve.nn.model.SieveModel;
import dev.sieve.nn.msroi.MsroiMap;
import dev.sieve.nn.msroi.MsroiOptions;
import dev.sieve.nn.msroi.Perturbations;
import dev.sieve.nn.saliency.DetectorSources;
import dev.sieve.nn.saliency.MsroiSource;
import dev.sieve.nn.saliency.SaliencySources;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Time per saliency map ({@code sieve bench msroi}) of kodim07 resized to 224×224 and 1920×1080: the spectral
 * residual (the baseline), MS-ROI (eq. 2.5) at the default network input (shorter side 256) and at native
 * resolution, Aug-MSROI (5 passes, input 256) and auto (the default fusion with the given detectors); each the
 * {@link MedianTime} of {@code rounds} runs.
 */
public final class SaliencyBenchmark {
    /** Image sizes × methods timed: the steps of {@link #run}. */
    public static final int STEPS = 10;

    private SaliencyBenchmark() {
    }

    /**
     * One row per image size and method (snake_case keys): image, method, milliseconds, images_per_second and
     * ratio_to_baseline (method time / spectral residual time); {@code step} runs after each of the {@link #STEPS} timings.
     */
    public static List<Map<String, Object>> run(SieveModel net, DetectorSources detectors, int rounds, Runnable step) {
        Planar photo = SamplePhotos.kodim07();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int[] size : new int[][] {{224, 224}, {1920, 1080}}) {
            Planar img = Resample.resize(photo, size[0], size[1]);
            Map<String, Runnable> cases = new LinkedHashMap<>();
            cases.put("spectral (baseline)", () -> new SpectralResidual().compute(img));
            cases.put("msroi, input 256", () -> MsroiMap.compute(net, img, MsroiOptions.DEFAULT));
            cases.put("msroi, native", () -> MsroiMap.compute(net, img, MsroiOptions.DEFAULT.withShortSide(0)));
            cases.put("aug-msroi x5, input 256", () -> MsroiMap.augmented(net, img, MsroiOptions.DEFAULT, Perturbations.DEFAULT, 1));
            cases.put("auto (default fusion)", () -> SaliencySources.auto(new MsroiSource(net, MsroiOptions.DEFAULT), detectors, null).map(img));
            double base = Double.NaN;
            for (Map.Entry<String, Runnable> e : cases.entrySet()) {
                double ms = MedianTime.of(rounds, e.getValue());
                step.run();
                base = Double.isNaN(base) ? ms : base;
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("image", size[0] + "x" + size[1]);
                row.put("method", e.getKey());
                row.put("milliseconds", ms);
                row.put("images_per_second", 1000 / ms);
                row.put("ratio_to_baseline", ms / base);
                rows.add(row);
            }
        }
        return rows;
    }
}
