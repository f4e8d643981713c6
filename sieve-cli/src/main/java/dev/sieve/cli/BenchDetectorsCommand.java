package dev.sieve.cli;

import dev.sieve.image.Planar;
import dev.sieve.image.Resample;
import dev.sieve.image.bench.MedianTime;
import dev.sieve.image.io.SamplePhotos;
import dev.sieve.image.saliency.SpectralResidual;
import dev.sieve.nn.NnRuntime;
import dev.sieve.nn.detect.Detector;
import dev.sieve.nn.detect.Detectors;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sieve bench detectors}: time to compute a detector saliency map (objects, faces, people) with the models loaded. */
@Command(
        name = "detectors",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Time per saliency map of the detector sources objects, faces and people against the spectral residual.",
            "",
            "Milliseconds per saliency map of kodim07 resized to --size (default 1920x1080) for the detector sources objects "
            + "(CenterNet at 320x320, or SIEVE_OBJECTS_INPUT), faces (BlazeFace 256x256) and people (selfie segmentation 256x256), models loaded before timing: "
            + "resizing to the network input, the network, decoding and the full-size map. The spectral residual is the baseline. "
            + "Median of --rounds timed runs after two untimed ones; ratio = time / baseline time; cpu ms = the process's CPU time per "
            + "map (all threads), which other load on the machine does not inflate. Threads: SIEVE_THREADS (default 2)."})
public final class BenchDetectorsCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelsDirOption modelsDir;

    @Option(names = "--size", paramLabel = "WxH", defaultValue = "1920x1080", description = "Image size (default: ${DEFAULT-VALUE}).")
    String size;

    @Mixin
    TimedRoundsOption timed;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws Exception {
        timed.check();
        if (!size.matches("[1-9][0-9]{0,4}x[1-9][0-9]{0,4}")) {
            throw new UsageError("--size must be WxH, e.g. 1920x1080, got '" + size + "'");
        }
        int w = Integer.parseInt(size.substring(0, size.indexOf('x'))), h = Integer.parseInt(size.substring(size.indexOf('x') + 1));
        Path dir = modelsDir.resolve();
        Planar img = Resample.resize(SamplePhotos.kodim07(), w, h);
        Runnable spectral = () -> new SpectralResidual().compute(img);
        List<Map<String, Object>> rows = new ArrayList<>();
        MedianTime base;
        try (me.tongfei.progressbar.ProgressBar bar = Progress.bar("bench detectors", 4)) {
            base = MedianTime.of(timed.rounds, spectral);
            rows.add(row("spectral (baseline)", "-", base, base));
            bar.step();
            for (String source : new String[] {"objects", "faces", "people"}) {
                try (Detector d = Detectors.open(source, dir)) {
                    rows.add(row(source, Detectors.modelOf(source), MedianTime.of(timed.rounds, () -> d.detect(img)), base));
                }
                bar.step();
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        String device = NnRuntime.deviceDescription();
        int threads = NnRuntime.threads();
        if (json.json) {
            Map<String, Object> r = Json.document("bench.detectors");
            r.put("device", device);
            r.put("threads", threads);
            r.put("image", w + "x" + h);
            r.put("models", dir.toString());
            r.put("results", rows);
            out.println(Json.write(r));
        } else {
            out.printf(Locale.ROOT, "device %s, %d threads, image %dx%d, models %s, median of %d runs%n", device, threads, w, h, dir, timed.rounds);
            out.printf(Locale.ROOT, "%-20s %-10s %10s %10s %8s %8s%n", "source", "model", "ms", "cpu ms", "img/s", "ratio");
            for (Map<String, Object> row : rows) {
                out.printf(Locale.ROOT, "%-20s %-10s %10.1f %10.1f %8.2f %8.2f%n", row.get("source"), row.get("model"), row.get("milliseconds"),
                        row.get("cpu_milliseconds"), row.get("images_per_second"), row.get("ratio_to_baseline"));
            }
        }
        out.flush();
        return 0;
    }

    private static Map<String, Object> row(String source, String model, MedianTime t, MedianTime base) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("source", source);
        row.put("model", model);
        row.put("milliseconds", t.wallMs());
        row.put("cpu_milliseconds", t.cpuMs());
        row.put("images_per_second", 1000 / t.wallMs());
        row.put("ratio_to_baseline", t.wallMs() / base.wallMs());
        return row;
    }
}
