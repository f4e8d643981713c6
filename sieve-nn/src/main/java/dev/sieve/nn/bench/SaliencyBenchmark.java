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
import dev.sieve.nn.saliency.SaliencyRecipe;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Time per saliency map ({@code sieve bench msroi}) of kodim07 resized to 224×224 and 1920×1080: the spectral
 * residual (the baseline), MS-ROI (eq. 2.5) at the default network input (shorter side 256) and at native
 * resolution, Aug-MSROI (5 passes, input 256) and auto (the default fusion with the detectors of a models folder, as
 * {@code sieve compress} computes it: sources at the working size, run concurrently, the fused map stretched to the
 * image's size); each the {@link MedianTime} of {@code rounds} runs.
 */
public final class SaliencyBenchmark {
    /** Image sizes × methods timed: the steps of {@link #run}. */
    public static final int STEPS = 10;

    private SaliencyBenchmark() {
    }

    /**
     * The timings: {@code rows}, one per image size and method (snake_case keys: image, method, milliseconds,
     * cpu_milliseconds, images_per_second and ratio_to_baseline = method wall time / spectral residual wall time), and
     * {@code autoSources}, per image size the auto map's sources with their times in its last run.
     */
    public record Result(List<Map<String, Object>> rows, Map<String, Object> autoSources) {
    }

    /**
     * Times every case on {@code net} (named {@code modelName}), auto with the detectors of {@code modelsDir} (null: the
     * default folder); {@code step} runs after each of the {@link #STEPS} timings.
     */
    public static Result run(SieveModel net, String modelName, String modelsDir, int rounds, Runnable step) {
        Planar photo = SamplePhotos.kodim07();
        SaliencyRecipe auto = new SaliencyRecipe("auto", MsroiOptions.DEFAULT, 5, Perturbations.DEFAULT, 1, modelsDir);
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Object> autoSources = new LinkedHashMap<>();
        for (int[] size : new int[][] {{224, 224}, {1920, 1080}}) {
            Planar img = Resample.resize(photo, size[0], size[1]);
            Map<String, Runnable> cases = new LinkedHashMap<>();
            cases.put("spectral (baseline)", () -> new SpectralResidual().compute(img));
            cases.put("msroi, input 256", () -> MsroiMap.compute(net, img, MsroiOptions.DEFAULT));
            cases.put("msroi, native", () -> MsroiMap.compute(net, img, MsroiOptions.DEFAULT.withShortSide(0)));
            cases.put("aug-msroi x5, input 256", () -> MsroiMap.augmented(net, img, MsroiOptions.DEFAULT, Perturbations.DEFAULT, 1));
            cases.put("auto (default fusion)", () -> autoSources.put(size[0] + "x" + size[1],
                    auto.compute(net, modelName, img).description().get("sources")));
            MedianTime base = null;
            for (Map.Entry<String, Runnable> e : cases.entrySet()) {
                MedianTime t = MedianTime.of(rounds, e.getValue());
                step.run();
                base = base == null ? t : base;
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("image", size[0] + "x" + size[1]);
                row.put("method", e.getKey());
                row.put("milliseconds", t.wallMs());
                row.put("cpu_milliseconds", t.cpuMs());
                row.put("images_per_second", 1000 / t.wallMs());
                row.put("ratio_to_baseline", t.wallMs() / base.wallMs());
                rows.add(row);
            }
        }
        return new Result(rows, autoSources);
    }
}
