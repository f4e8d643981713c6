package dev.sieve.cli;

import dev.sieve.image.Planar;
import dev.sieve.image.io.AtomicFiles;
import dev.sieve.image.io.ImageFiles;
import dev.sieve.image.saliency.CenterPrior;
import dev.sieve.image.saliency.MapLocalization;
import dev.sieve.image.saliency.SaliencyMap;
import dev.sieve.image.saliency.SpectralResidual;
import dev.sieve.nn.data.scenes.SceneSet;
import dev.sieve.nn.model.SieveModel;
import dev.sieve.nn.msroi.ClassEvidence;
import dev.sieve.nn.msroi.MsroiMap;
import dev.sieve.nn.msroi.MsroiModels;
import dev.sieve.nn.msroi.MsroiOptions;
import dev.sieve.nn.msroi.Perturbations;
import dev.sieve.nn.msroi.RoiSelection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sieve eval msroi}: how well saliency maps localize the annotated objects of a scene set. */
@Command(
        name = "msroi",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Scores MS-ROI maps against the object masks of a scene set (from 'sieve scenes'), beside model-free baselines.",
            "",
            "For every scene and method: mass = share of the map's sum on object pixels (a uniform map scores the object area), lift = mass / area, covered = objects with at least half their visible pixels at map >= T, where T = 1 - top/levels (the top saliency levels of eq. 2.7: with 5 levels and top 2, T = 0.6), above = share of the image at map >= T (a map that is 1 everywhere covers every object, so read covered beside above), pointing = the map's maximum lies on an object, all covered = scenes with 2+ objects whose objects are all covered (the point of MS-ROI versus CAM).",
            "Methods: msroi (top-k by rank, class score maps cut at 0), msroi-rank (msroi rank-normalized like spectral, so each level holds about 1/k of the image), msroi-features (the same summing the class feature maps, eq. 2.5 as written), msroi-threshold (classes with Z > T_class), aug-msroi (thesis §3.6), spectral (spectral residual, rank-normalized), center (a centred Gaussian, sigma = 1/4 of the side).",
            "Writes, in --out: table.txt, table.csv and report.json."},
        footer = {"", "Example: sieve eval msroi --data scenes/test --out runs/msroi-eval"})
public final class EvalMsroiCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = {"-d", "--data"}, paramLabel = "DIR", required = true, description = "A scene set written by 'sieve scenes' (annotations.json and masks/).")
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

    @Option(names = "--limit", paramLabel = "N", description = "Score the first N scenes only.")
    Integer limit;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of aug-msroi's perturbations (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true, description = "Output folder (created if missing).")
    Path out;

    private static final List<String> KNOWN = List.of("msroi", "msroi-rank", "msroi-features", "msroi-threshold", "aug-msroi", "spectral", "center");

    @Override
    public Integer call() throws Exception {
        for (String m : methods) {
            if (!KNOWN.contains(m)) {
                throw new UsageError("unknown method '" + m + "' (known: " + String.join(", ", KNOWN) + ")");
            }
        }
        if (levels < 2 || top < 1 || top >= levels || (limit != null && limit < 1)) {
            throw new UsageError("--levels must be ≥ 2, --top in 1..levels-1 and --limit ≥ 1");
        }
        double t = 1 - (double) top / levels;
        SceneSet.Annotations ann = SceneSet.read(data);
        List<SceneSet.SceneEntry> scenes = limit == null ? ann.scenes() : ann.scenes().subList(0, Math.min(limit, ann.scenes().size()));
        MsroiOptions base = new MsroiOptions(RoiSelection.TOP_K, classThreshold, topK, msroiSize);
        Map<String, MapLocalization.Summary> sums = new LinkedHashMap<>();
        methods.forEach(m -> sums.put(m, new MapLocalization.Summary()));
        Files.createDirectories(out);
        try (SieveModel net = MsroiModels.open(model); ProgressBar bar = Progress.bar("eval msroi", scenes.size())) {
            if (!net.classes().equals(ann.classes())) {
                spec.commandLine().getErr().println("sieve eval msroi: note: the model's classes " + net.classes()
                        + " differ from the scene set's " + ann.classes() + "; maps are scored against the masks only");
            }
            for (SceneSet.SceneEntry s : scenes) {
                List<String> under = SceneSet.filedUnder(data, s.file());
                Planar img = ImageFiles.read(data.resolve(under.get(0)).resolve(s.file()));
                int[] mask = SceneSet.readMask(data, s.file());
                SaliencyMap msroiMap = methods.contains("msroi") || methods.contains("msroi-rank") ? MsroiMap.compute(net, img, base).map() : null;
                for (String m : methods) {
                    SaliencyMap map = switch (m) {
                        case "msroi" -> msroiMap;
                        case "msroi-rank" -> msroiMap.rankNormalized();
                        case "msroi-features" -> MsroiMap.compute(net, img, base.withEvidence(ClassEvidence.FEATURES)).map();
                        case "msroi-threshold" -> MsroiMap.compute(net, img, base.withSelection(RoiSelection.THRESHOLD)).map();
                        case "aug-msroi" -> MsroiMap.augmented(net, img, base, Perturbations.DEFAULT, seed);
                        case "spectral" -> new SpectralResidual().compute(img).rankNormalized();
                        default -> CenterPrior.of(img.width(), img.height());
                    };
                    sums.get(m).add(MapLocalization.score(map, mask, img.width(), img.height(), t));
                }
                bar.step();
            }
        }
        List<String> rows = new ArrayList<>();
        rows.add("method,scenes,mass,area,lift,covered,above,pointing,multi_object_scenes,all_covered");
        StringBuilder txt = new StringBuilder(String.format(Locale.ROOT,
                "%d scenes of %s, model %s, covered = at least half of an object at map >= %.2f (top %d of %d levels)%n%n",
                scenes.size(), data, model, t, top, levels));
        txt.append(String.format(Locale.ROOT, "%-16s %6s %6s %6s %8s %6s %8s %10s%n", "method", "mass", "area", "lift", "covered", "above", "pointing", "all-cov(2+)"));
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("data", data.toString());
        report.put("model", model);
        report.put("scenes", scenes.size());
        report.put("levelThreshold", t);
        Map<String, Object> byMethod = new LinkedHashMap<>();
        for (Map.Entry<String, MapLocalization.Summary> e : sums.entrySet()) {
            MapLocalization.Summary s = e.getValue();
            rows.add(String.format(Locale.ROOT, "%s,%d,%.4f,%.4f,%.3f,%.4f,%.4f,%.4f,%d,%.4f", e.getKey(), s.images(), s.mass(), s.area(),
                    s.lift(), s.objectCoverage(), s.above(), s.pointing(), s.multiObjectImages(), s.allCovered()));
            txt.append(String.format(Locale.ROOT, "%-16s %6.3f %6.3f %6.2f %8.3f %6.3f %8.3f %10.3f%n", e.getKey(), s.mass(), s.area(), s.lift(),
                    s.objectCoverage(), s.above(), s.pointing(), s.allCovered()));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mass", s.mass());
            m.put("area", s.area());
            m.put("lift", s.lift());
            m.put("objectsCovered", s.objectCoverage());
            m.put("above", s.above());
            m.put("pointing", s.pointing());
            m.put("multiObjectScenes", s.multiObjectImages());
            m.put("allCovered", s.allCovered());
            byMethod.put(e.getKey(), m);
        }
        report.put("methods", byMethod);
        AtomicFiles.write(out.resolve("table.csv"), (String.join("\n", rows) + "\n").getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(out.resolve("table.txt"), txt.toString().getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(out.resolve("report.json"), (Json.write(report) + "\n").getBytes(StandardCharsets.UTF_8));
        spec.commandLine().getOut().print(txt);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
