package dev.sieve.cli;

import dev.sieve.image.io.AtomicFiles;
import dev.sieve.nn.model.SieveModel;
import dev.sieve.nn.msroi.MsroiModels;
import dev.sieve.nn.saliency.MsroiEvaluation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sieve eval msroi}: how well saliency maps localize the annotated objects of a scene set ({@link MsroiEvaluation}). */
@Command(
        name = "msroi",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Scores MS-ROI maps against the object masks of a scene set (from 'sieve scenes'), beside model-free baselines.",
            "",
            "For every scene and method: mass = share of the map's sum on object pixels (a uniform map scores the object area), lift = mass / area, covered = objects with at least half their visible pixels at map >= T, where T = 1 - top/levels (the top saliency levels of eq. 2.7: with 5 levels and top 2, T = 0.6), above = share of the image at map >= T (a map that is 1 everywhere covers every object, so read covered beside above), pointing = the map's maximum lies on an object, all covered = scenes with 2+ objects whose objects are all covered (the point of MS-ROI versus CAM).",
            "Methods: msroi (top-k by rank, class score maps cut at 0), msroi-rank (msroi rank-normalized like spectral, so each level holds about 1/k of the image), msroi-features (the same summing the class feature maps, eq. 2.5 as written), msroi-threshold (classes with Z > T_class), aug-msroi (thesis §3.6), spectral (spectral residual, rank-normalized), center (a centred Gaussian, sigma = 1/4 of the side).",
            "Writes, in --out-dir: table.txt, table.csv and report.json."},
        footer = {"", "Example: sieve eval msroi --data scenes/test -d runs/msroi-eval"})
public final class EvalMsroiCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", required = true, description = "A scene set written by 'sieve scenes' (annotations.json and masks/).")
    Path data;

    @Option(names = {"-m", "--model"}, paramLabel = "MODEL", defaultValue = MsroiModels.DEFAULT,
            description = "MS-ROI checkpoint or built-in name (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--methods", paramLabel = "M,...", split = ",", defaultValue = "msroi,msroi-rank,msroi-features,msroi-threshold,aug-msroi,spectral,center",
            description = "Methods to score (default: ${DEFAULT-VALUE}).")
    List<String> methods;

    @Option(names = "--levels", paramLabel = "K", defaultValue = "5", description = "Saliency levels k of eq. 2.7 (default: ${DEFAULT-VALUE}).")
    int levels;

    @Option(names = "--top", paramLabel = "N", defaultValue = "2", description = "Top levels that count as covered (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = {"-k", "--top-k"}, paramLabel = "K", defaultValue = "5", description = "Classes combined by msroi (default: ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--class-threshold", paramLabel = "T", defaultValue = "0",
            description = "Class-score threshold of msroi-threshold and aug-msroi's selection, a logit (default: ${DEFAULT-VALUE}).")
    float classThreshold;

    @Option(names = "--msroi-size", paramLabel = "PX", defaultValue = "0",
            description = "Shorter side the network sees; 0 = the scene's own size (default: ${DEFAULT-VALUE}).")
    int msroiSize;

    @Mixin
    LimitOption limit;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of aug-msroi's perturbations (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    OutDirOption outDir;

    @Override
    public Integer call() throws Exception {
        limit.check();
        MsroiEvaluation.Settings settings = UsageError.fromOptions(() -> new MsroiEvaluation.Settings(methods, levels, top, topK, classThreshold,
                msroiSize, seed, limit.value));
        MsroiEvaluation.Result r;
        Path out = outDir.create();
        try (SieveModel net = MsroiModels.open(model); ProgressBar bar = Progress.bar("eval msroi", 0)) {
            r = MsroiEvaluation.run(net, model, data, settings, note -> Progress.say(spec.commandLine().getErr(), "sieve eval msroi: note: " + note),
                    bar::maxHint, bar::step);
        }
        AtomicFiles.write(out.resolve("table.csv"), r.csv().getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(out.resolve("table.txt"), r.text().getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(out.resolve("report.json"), (Json.write(Json.report("eval.msroi", r.report())) + "\n").getBytes(StandardCharsets.UTF_8));
        spec.commandLine().getOut().print(r.text());
        spec.commandLine().getOut().flush();
        Progress.say(spec.commandLine().getErr(), out + ": eval msroi report of " + r.scenes() + " scenes, " + r.summaries().size() + " methods");
        return 0;
    }
}
