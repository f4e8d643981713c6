package dev.sieve.nn.saliency;

import dev.sieve.image.Planar;
import dev.sieve.image.io.ImageFiles;
import dev.sieve.image.saliency.CenterPrior;
import dev.sieve.image.saliency.MapLocalization;
import dev.sieve.image.saliency.SaliencyMap;
import dev.sieve.nn.data.scenes.SceneSet;
import dev.sieve.nn.model.SieveModel;
import dev.sieve.nn.msroi.ClassEvidence;
import dev.sieve.nn.msroi.MsroiOptions;
import dev.sieve.nn.msroi.Perturbations;
import dev.sieve.nn.msroi.RoiSelection;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * How well saliency maps localize the annotated objects of a scene set ({@code sieve eval msroi}): per scene
 * and method, {@link MapLocalization#score} against the object masks at the level threshold T = 1 − top/levels
 * (the top saliency levels of thesis eq. 2.7), summed per method. Every MS-ROI method is a
 * {@link SaliencyRecipe}, so the maps are those {@code sieve compress} and {@code sieve saliency} compute.
 */
public final class MsroiEvaluation {
    /**
     * The methods: msroi (top-k, class score maps cut at 0), msroi-rank (msroi rank-normalized), msroi-features
     * (class feature maps summed, eq. 2.5 as written), msroi-threshold (classes with Z &gt; T_class), aug-msroi (§3.6),
     * spectral (spectral residual, rank-normalized), center (a centred Gaussian).
     */
    public static final List<String> METHODS = List.of("msroi", "msroi-rank", "msroi-features", "msroi-threshold", "aug-msroi", "spectral",
            "center");

    /**
     * @param methods        of {@link #METHODS}
     * @param levels         saliency levels k of eq. 2.7, ≥ 2
     * @param top            top levels that count as covered, 1..levels−1
     * @param topK           classes combined by msroi
     * @param classThreshold class-logit threshold of msroi-threshold and aug-msroi's selection
     * @param shortSide      shorter side the network sees (0 = the scene's own size)
     * @param seed           seed of aug-msroi's perturbations
     * @param limit          score the first scenes only (null = all)
     */
    public record Settings(List<String> methods, int levels, int top, int topK, float classThreshold, int shortSide, long seed, Integer limit) {
        public Settings {
            methods = List.copyOf(methods);
            for (String m : methods) {
                if (!METHODS.contains(m)) {
                    throw new IllegalArgumentException("unknown method '" + m + "' (known: " + String.join(", ", METHODS) + ")");
                }
            }
            if (levels < 2 || top < 1 || top >= levels || (limit != null && limit < 1)) {
                throw new IllegalArgumentException("levels must be ≥ 2, top in 1..levels-1 and the scene limit ≥ 1");
            }
        }

        /** The level threshold T = 1 − top/levels. */
        public double threshold() {
            return 1 - (double) top / levels;
        }
    }

    /** The scores per method, in settings order. */
    public record Result(Path data, String model, int scenes, Settings settings, Map<String, MapLocalization.Summary> summaries) {
        /** table.csv: one line per method. */
        public String csv() {
            StringBuilder s = new StringBuilder("method,scenes,mass,area,lift,covered,above,pointing,multi_object_scenes,all_covered\n");
            summaries.forEach((m, v) -> s.append(String.format(Locale.ROOT, "%s,%d,%.4f,%.4f,%.3f,%.4f,%.4f,%.4f,%d,%.4f%n", m, v.images(),
                    v.mass(), v.area(), v.lift(), v.objectCoverage(), v.above(), v.pointing(), v.multiObjectImages(), v.allCovered())));
            return s.toString();
        }

        /** table.txt: a heading line and one aligned line per method. */
        public String text() {
            StringBuilder txt = new StringBuilder(String.format(Locale.ROOT,
                    "%d scenes of %s, model %s, covered = at least half of an object at map >= %.2f (top %d of %d levels)%n%n",
                    scenes, data, model, settings.threshold(), settings.top(), settings.levels()));
            txt.append(String.format(Locale.ROOT, "%-16s %6s %6s %6s %8s %6s %8s %10s%n", "method", "mass", "area", "lift", "covered", "above",
                    "pointing", "all-cov(2+)"));
            summaries.forEach((m, s) -> txt.append(String.format(Locale.ROOT, "%-16s %6.3f %6.3f %6.2f %8.3f %6.3f %8.3f %10.3f%n", m, s.mass(),
                    s.area(), s.lift(), s.objectCoverage(), s.above(), s.pointing(), s.allCovered())));
            return txt.toString();
        }

        /** The report (snake_case keys): data, model, scenes, level threshold and the scores per method. */
        public Map<String, Object> report() {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("data", data.toString());
            report.put("model", model);
            report.put("scenes", scenes);
            report.put("level_threshold", settings.threshold());
            Map<String, Object> byMethod = new LinkedHashMap<>();
            summaries.forEach((k, s) -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("mass", s.mass());
                m.put("area", s.area());
                m.put("lift", s.lift());
                m.put("objects_covered", s.objectCoverage());
                m.put("above", s.above());
                m.put("pointing", s.pointing());
                m.put("multi_object_scenes", s.multiObjectImages());
                m.put("all_covered", s.allCovered());
                byMethod.put(k, m);
            });
            report.put("methods", byMethod);
            return report;
        }
    }

    private MsroiEvaluation() {
    }

    /**
     * Scores {@code net} (named {@code modelName}) and the model-free baselines on the scene set in {@code data};
     * {@code note} hears a one-line note when the model's classes differ from the set's, {@code total} the number of
     * scenes scored, and {@code step} runs once per scene.
     */
    public static Result run(SieveModel net, String modelName, Path data, Settings s, Consumer<String> note, IntConsumer total, Runnable step)
            throws IOException {
        SceneSet.Annotations ann = SceneSet.read(data);
        List<SceneSet.SceneEntry> scenes = s.limit() == null ? ann.scenes() : ann.scenes().subList(0, Math.min(s.limit(), ann.scenes().size()));
        total.accept(scenes.size());
        if (!net.classes().equals(ann.classes())) {
            note.accept("the model's classes " + net.classes() + " differ from the scene set's " + ann.classes()
                    + "; maps are scored against the masks only");
        }
        MsroiOptions base = new MsroiOptions(RoiSelection.TOP_K, s.classThreshold(), s.topK(), s.shortSide());
        Map<String, SaliencyRecipe> recipes = new LinkedHashMap<>();
        recipes.put("msroi", recipe("msroi", base, s));
        recipes.put("msroi-features", recipe("msroi", base.withEvidence(ClassEvidence.FEATURES), s));
        recipes.put("msroi-threshold", recipe("msroi", base.withSelection(RoiSelection.THRESHOLD), s));
        recipes.put("aug-msroi", recipe("aug-msroi", base, s));
        recipes.put("spectral", recipe("spectral", base, s));
        Map<String, MapLocalization.Summary> sums = new LinkedHashMap<>();
        s.methods().forEach(m -> sums.put(m, new MapLocalization.Summary()));
        for (SceneSet.SceneEntry scene : scenes) {
            List<String> under = SceneSet.filedUnder(data, scene.file());
            Planar img = ImageFiles.read(data.resolve(under.get(0)).resolve(scene.file()));
            int[] mask = SceneSet.readMask(data, scene.file());
            Map<String, SaliencyMap> maps = new HashMap<>();
            for (String m : s.methods()) {
                SaliencyMap map = switch (m) {
                    case "msroi-rank" -> maps.computeIfAbsent("msroi", k -> recipes.get(k).compute(net, modelName, img).map()).rankNormalized();
                    case "center" -> CenterPrior.of(img.width(), img.height());
                    default -> maps.computeIfAbsent(m, k -> recipes.get(k).compute(net, modelName, img).map());
                };
                sums.get(m).add(MapLocalization.score(map, mask, img.width(), img.height(), s.threshold()));
            }
            step.run();
        }
        return new Result(data, modelName, scenes.size(), s, sums);
    }

    private static SaliencyRecipe recipe(String method, MsroiOptions o, Settings s) {
        return new SaliencyRecipe(method, o, s.topK(), Perturbations.DEFAULT, s.seed());
    }
}
