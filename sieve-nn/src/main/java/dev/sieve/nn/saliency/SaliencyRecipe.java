package dev.sieve.nn.saliency;

import dev.sieve.image.Planar;
import dev.sieve.image.saliency.MapTrust;
import dev.sieve.image.saliency.SaliencyFusion;
import dev.sieve.image.saliency.SaliencyMap;
import dev.sieve.image.saliency.SaliencySource;
import dev.sieve.image.saliency.SpectralResidual;
import dev.sieve.nn.cam.ClassActivationMaps;
import dev.sieve.nn.detect.Detection;
import dev.sieve.nn.detect.Detector;
import dev.sieve.nn.detect.ModelsDirectory;
import dev.sieve.nn.model.DjlClassifier;
import dev.sieve.nn.model.SieveModel;
import dev.sieve.nn.msroi.MsroiMap;
import dev.sieve.nn.msroi.MsroiModels;
import dev.sieve.nn.msroi.MsroiOptions;
import dev.sieve.nn.msroi.Perturbations;
import dev.sieve.nn.msroi.RoiSelection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a saliency map is computed: {@code auto} (the default fusion of {@link SaliencySources#auto}: the
 * background prior, MS-ROI, spectral residual, the centre prior, the focus cue and the detectors whose models are in
 * {@code modelsDir}, refined to object extent), MS-ROI (thesis eq. 2.5) or Aug-MSROI (§3.6) from an MS-ROI network,
 * R-CAM (eq. 4.5) from a classifier, the model-free spectral residual (rank-normalized), one pretrained detector
 * of {@code modelsDir} ({@code objects}, {@code faces}, {@code people}; {@link DetectorSources}), or any other source of
 * {@link SaliencySources#parse}: {@code boundary}, {@code center}, {@code focus} and fusions {@code mix:NAME=W+…} (what
 * {@code sieve eval saliency} scores, so a fusion tuned there compresses the same way). Network passes hold
 * the model's monitor, so one loaded model can serve many threads.
 *
 * @param method        {@code auto}, {@code msroi}, {@code aug-msroi}, {@code rcam}, {@code spectral}, {@code boundary},
 *                      {@code center}, {@code focus}, {@code objects}, {@code faces}, {@code people} or {@code mix:…}
 * @param msroi         MS-ROI class selection and input size (msroi, aug-msroi)
 * @param topK          classes combined by rcam
 * @param perturbations aug-msroi's perturbed passes
 * @param seed          aug-msroi's perturbation seed
 * @param modelsDir     auto's detector models directory ({@link ModelsDirectory#resolve}: null = {@code SIEVE_MODELS} or the default)
 */
public record SaliencyRecipe(String method, MsroiOptions msroi, int topK, Perturbations perturbations, long seed, String modelsDir)
        implements java.io.Serializable {
    /** The methods, as named in {@link #method()}. */
    public static final String METHODS = "auto, msroi, aug-msroi, rcam, spectral, boundary, center, focus, objects, faces, people"
            + " or a fusion mix:NAME=W+NAME=W…";
    /** The model-free sources of {@link SaliencySources#parse} a recipe takes by name. */
    private static final String MODEL_FREE = "boundary|center|focus";
    /** What stands for msroi in a composed source that does not use it (never asked for a map). */
    private static final SaliencySource NO_NETWORK = SaliencySource.of("msroi", img -> {
        throw new IllegalStateException("msroi without a network");
    });

    public SaliencyRecipe {
        if (!method.matches("auto|msroi|aug-msroi|rcam|spectral|objects|faces|people|" + MODEL_FREE) && !method.startsWith("mix:")) {
            throw new IllegalArgumentException("saliency method must be " + METHODS + ", got '" + method + "'");
        }
    }

    /** A recipe whose auto map finds the detector models where {@link ModelsDirectory#resolve} looks by default. */
    public SaliencyRecipe(String method, MsroiOptions msroi, int topK, Perturbations perturbations, long seed) {
        this(method, msroi, topK, perturbations, seed, null);
    }

    /** The detectors auto fuses (those of {@code modelsDir} that load, opened once per process). */
    public DetectorSources detectors() {
        return DetectorSources.at(ModelsDirectory.resolve(modelsDir));
    }

    /**
     * A map and how it was made (method, model, classes selected and their scores Z, whether it is empty;
     * for auto the sources, their weights and whether each was used). From {@link #forEncoding} the map is
     * null when no trustworthy map was found, and {@code fallback} says what was refused.
     */
    public record Result(SaliencyMap map, Map<String, Object> description) {
        /** The one-line fallback note, or null when the requested map was used. */
        public String fallback() {
            return (String) description.get("fallback");
        }
    }

    /**
     * The map an encoder may spend bytes on: this recipe's map if {@link MapTrust} accepts it, else
     * (for any method but auto) the auto map if that is accepted, else none (map null: encode plain).
     * The description gains {@code fallback}, one line saying what was refused and what is used instead.
     */
    public Result forEncoding(DjlClassifier model, String modelName, Planar img) {
        Result r = compute(model, modelName, img);
        MapTrust.Verdict v = MapTrust.check(r.map());
        if (v.trusted()) {
            return r;
        }
        String refused = method + " map refused (" + v.reason() + ")";
        if (!method.equals("auto") && MsroiModels.isMsroi(model)) {
            Result auto = new SaliencyRecipe("auto", msroi, topK, perturbations, seed, modelsDir).compute(model, modelName, img);
            MapTrust.Verdict va = MapTrust.check(auto.map());
            if (va.trusted()) {
                auto.description().put("fallback", refused + "; using the auto map");
                return auto;
            }
            refused += "; auto map refused (" + va.reason() + ")";
        }
        Map<String, Object> d = new LinkedHashMap<>(r.description());
        d.put("fallback", refused + "; encoding plain JPEG");
        return new Result(null, d);
    }

    /** {@code fusion}'s map of {@code img} at its size; {@code d} gains the sources, their weights, use and time, and what each detector in {@code found} found. */
    private static Result fused(SaliencyFusion fusion, Map<String, Detector.Result> found, Planar img, Map<String, Object> d) {
        SaliencyFusion.Result f = fusion.fuse(img);
        List<Map<String, Object>> sources = new ArrayList<>();
        for (SaliencyFusion.Contribution c : f.contributions()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("source", c.name());
            o.put("weight", c.weight());
            o.put("used", c.used());
            if (!c.used()) {
                o.put("refused", c.verdict().reason());
            }
            o.put("ms", Math.round(c.millis() * 10) / 10.0);
            if (found.containsKey(c.name())) {
                o.put("detections", describe(found.get(c.name()).detections()));
            }
            sources.add(o);
        }
        d.put("sources", sources);
        d.put("detector_emphasis", fusion.emphasis());
        d.put("empty", !f.verdict().trusted() && f.verdict().peak() < MapTrust.MIN_PEAK);
        return new Result(f.map().resizedTo(img.width(), img.height()), d);
    }

    /** Detections as reports list them: label, score, box x0, y0, x1, y1 in image pixels. */
    public static List<Map<String, Object>> describe(List<Detection> detections) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Detection x : detections) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", x.label());
            m.put("score", Math.round(x.score() * 1000) / 1000.0);
            m.put("box", List.of(Math.round(x.x0()), Math.round(x.y0()), Math.round(x.x1()), Math.round(x.y1())));
            list.add(m);
        }
        return list;
    }

    /**
     * Whether this method runs the MS-ROI network or classifier given to {@link #compute}: not spectral, a detector or a
     * model-free source, nor a mix that does not name msroi.
     */
    public boolean needsModel() {
        if (method.startsWith("mix:")) {
            return SaliencySources.usesMsroi(method);
        }
        return !method.equals("spectral") && !isDetector() && !method.matches(MODEL_FREE);
    }

    /** Whether this method is a source built by {@link SaliencySources#parse}: boundary, center, focus or a mix. */
    public boolean isComposed() {
        return method.matches(MODEL_FREE) || method.startsWith("mix:");
    }

    /**
     * The source of a {@link #isComposed composed} method, its msroi (if a mix names it) the MS-ROI map of {@code model},
     * what its detectors find going to {@code found} (by name; null: nowhere); a bad mix fails with one line.
     */
    public SaliencySource composed(DjlClassifier model, String modelName, Map<String, Detector.Result> found) {
        SaliencySource network = NO_NETWORK;
        if (needsModel()) {
            if (!MsroiModels.isMsroi(model)) {
                throw new IllegalArgumentException(modelName + ": " + method + " names msroi, which needs an MS-ROI network");
            }
            network = new MsroiSource((SieveModel) model, msroi);
        }
        return SaliencySources.parse(method, network, detectors(), found);
    }

    /**
     * Checks a {@link #isComposed composed} method without a network: the spec parses and the detectors it names load;
     * else one line (an {@link IllegalArgumentException}).
     */
    public void checkComposed() {
        SaliencySources.parse(method, NO_NETWORK, detectors());
    }

    /** Whether {@link #forEncoding} needs the MS-ROI network: to compute the map, or (detectors, composed sources) for the auto map it falls back to. */
    public boolean needsModelForEncoding() {
        return needsModel() || isDetector() || isComposed();
    }

    /** Whether this method is one pretrained detector ({@link DetectorSources#NAMES}). */
    public boolean isDetector() {
        return DetectorSources.NAMES.contains(method);
    }

    /** The map of {@code img}; {@code model} (named {@code modelName} in the description) is unused by spectral. */
    public Result compute(DjlClassifier model, String modelName, Planar img) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("method", method);
        if (isDetector()) {
            DetectorSources detectors = detectors();
            Detector.Result found = detectors.detect(method, img, img.width(), img.height());
            d.put("model", detectors.dir().resolve(dev.sieve.nn.detect.Detectors.modelOf(method) + ".json").toString());
            d.put("detections", describe(found.detections()));
            d.put("empty", found.detections().isEmpty());
            return new Result(found.map(), d);
        }
        if (method.equals("spectral")) {
            d.put("model", null);
            return new Result(new SpectralResidual().compute(img).rankNormalized(), d);
        }
        if (isComposed()) {
            d.put("model", needsModel() ? modelName : null);
            Map<String, Detector.Result> found = new java.util.concurrent.ConcurrentHashMap<>();
            SaliencySource source = composed(model, modelName, found);
            if (source instanceof SaliencyFusion fusion) {
                return fused(fusion, found, img, d);
            }
            SaliencyMap map = source.map(img).resizedTo(img.width(), img.height());
            d.put("empty", MapTrust.check(map).peak() < MapTrust.MIN_PEAK);
            return new Result(map, d);
        }
        d.put("model", modelName);
        boolean isMsroi = MsroiModels.isMsroi(model);
        if (method.equals("auto")) {
            if (!isMsroi) {
                throw new IllegalArgumentException(modelName + ": auto needs an MS-ROI network");
            }
            DetectorSources detectors = detectors();
            Map<String, Detector.Result> found = new java.util.concurrent.ConcurrentHashMap<>();
            SaliencyFusion fusion = SaliencySources.auto(new MsroiSource((SieveModel) model, msroi), detectors, found);
            Result r = fused(fusion, found, img, d);
            String note = detectors.noteOnce();
            if (note != null) {
                d.put("note", "auto runs " + note);
            }
            return r;
        }
        if (method.equals("rcam")) {
            if (isMsroi || !(model instanceof SieveModel source)) {
                throw new IllegalArgumentException(modelName + ": rcam needs a Sieve classifier with class activation maps, not an MS-ROI network or TorchScript");
            }
            d.put("top_k", topK);
            synchronized (source) {
                return new Result(ClassActivationMaps.rcam(source, img, Math.min(topK, model.numClasses())), d);
            }
        }
        if (!isMsroi) {
            throw new IllegalArgumentException(modelName + ": not an MS-ROI network (a classifier gives rcam maps)");
        }
        SieveModel m = (SieveModel) model;
        boolean topk = msroi.selection() == RoiSelection.TOP_K;
        d.put("select", msroi.selection().toString());
        d.put(topk ? "top_k" : "threshold", topk ? (Object) msroi.topK() : (Object) msroi.threshold());
        d.put("msroi_size", msroi.shortSide());
        SaliencyMap map;
        if (method.equals("aug-msroi")) {
            d.put("passes", perturbations.passes());
            d.put("seed", seed);
            synchronized (m) {
                map = MsroiMap.augmented(m, img, msroi, perturbations, seed);
            }
        } else {
            MsroiMap.Result r;
            synchronized (m) {
                r = MsroiMap.compute(m, img, msroi);
            }
            Map<String, Float> classes = new LinkedHashMap<>();
            for (int c : r.selected()) {
                classes.put(m.classes().get(c), r.classScores()[c]);
            }
            d.put("classes", classes);
            map = r.map();
        }
        boolean empty = true;
        for (float v : map.values()) {
            empty &= v == 0;
        }
        d.put("empty", empty);
        return new Result(map, d);
    }
}
