package dev.sieve.cli;

import dev.sieve.nn.NnRuntime;
import dev.sieve.nn.bench.SaliencyBenchmark;
import dev.sieve.nn.model.ModelFiles;
import dev.sieve.nn.model.SieveModel;
import dev.sieve.nn.msroi.MsroiModels;
import dev.sieve.nn.saliency.DetectorSources;
import dev.sieve.nn.saliency.SaliencySources;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sieve bench msroi}: time to compute a saliency map, MS-ROI versus the spectral residual (baseline). */
@Command(
        name = "msroi",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Time per saliency map: MS-ROI, Aug-MSROI and auto against the spectral residual.",
            "",
            "Milliseconds per saliency map of kodim07 resized to 224x224 and 1920x1080: the spectral residual (baseline), "
            + "MS-ROI at the default network input (shorter side 256) and at native resolution, Aug-MSROI (5 passes, input 256) "
            + "and auto (the default fusion, with the detectors of --models-dir that load, their models loaded before timing; "
            + "as sieve compress computes it: sources at the working size, run concurrently, the fused map stretched to the image's size; "
            + "the text report ends with each source's time in the last auto run). "
            + "Median of --rounds timed runs after two untimed ones; cpu ms = the process's CPU time per map (all threads), "
            + "which other load on the machine does not inflate; ratio = method time / baseline time (above 1: slower than the baseline)."})
public final class BenchMsroiCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = {"-m", "--model"}, paramLabel = "MODEL", defaultValue = ModelFiles.BUILTIN_PREFIX + MsroiModels.DEFAULT,
            description = "MS-ROI checkpoint from 'sieve train msroi', or builtin:NAME (default: ${DEFAULT-VALUE}).")
    String model;

    @Mixin
    ModelsDirOption modelsDir;

    @Mixin
    TimedRoundsOption timed;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws Exception {
        timed.check();
        DetectorSources detectors = DetectorSources.at(modelsDir.resolve());
        List<String> inAuto = detectors.available().stream().filter(SaliencySources.AUTO_DETECTORS::contains).toList();
        String autoDetectors = inAuto.isEmpty() ? "no detectors" : String.join(", ", inAuto);
        SaliencyBenchmark.Result result;
        try (SieveModel net = MsroiModels.open(model); ProgressBar bar = Progress.bar("bench msroi", SaliencyBenchmark.STEPS)) {
            result = SaliencyBenchmark.run(net, model, modelsDir.dir, timed.rounds, bar::step);
        }
        PrintWriter out = spec.commandLine().getOut();
        String device = NnRuntime.deviceDescription();
        int cores = Runtime.getRuntime().availableProcessors();
        if (json.json) {
            Map<String, Object> r = Json.document("bench.msroi");
            r.put("device", device);
            r.put("cores", cores);
            r.put("model", model);
            r.put("auto_detectors", inAuto);
            r.put("results", result.rows());
            r.put("auto_sources", result.autoSources());
            out.println(Json.write(r));
        } else {
            out.printf(Locale.ROOT, "device %s, %d cores, model %s, auto with %s, median of %d runs%n", device, cores, model, autoDetectors, timed.rounds);
            out.printf(Locale.ROOT, "%-10s %-24s %10s %10s %8s %8s%n", "image", "method", "ms", "cpu ms", "img/s", "ratio");
            for (Map<String, Object> row : result.rows()) {
                out.printf(Locale.ROOT, "%-10s %-24s %10.1f %10.1f %8.2f %8.2f%n", row.get("image"), row.get("method"), row.get("milliseconds"),
                        row.get("cpu_milliseconds"), row.get("images_per_second"), row.get("ratio_to_baseline"));
            }
            for (Map.Entry<String, Object> e : result.autoSources().entrySet()) {
                StringBuilder line = new StringBuilder("auto at " + e.getKey() + ", wall ms per source (last run, concurrent):");
                for (Object o : (List<?>) e.getValue()) {
                    Map<?, ?> m = (Map<?, ?>) o;
                    line.append(' ').append(m.get("source")).append(' ').append(m.get("ms"));
                }
                out.println(line);
            }
        }
        out.flush();
        return 0;
    }
}
