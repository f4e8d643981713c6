package dev.sieve.adversarial.defense;

import dev.sieve.image.Planar;
import dev.sieve.image.defense.Defense;
import dev.sieve.image.defense.DefenseParams;
import dev.sieve.image.saliency.SaliencyMap;
import dev.sieve.jpeg.BlockQuality;
import dev.sieve.jpeg.JpegDecoder;
import dev.sieve.jpeg.Subsampling;
import dev.sieve.jpeg.semantic.SemanticJpeg;
import dev.sieve.jpeg.semantic.SemanticMode;
import dev.sieve.jpeg.semantic.SemanticOptions;
import dev.sieve.nn.model.SieveModel;
import dev.sieve.nn.msroi.MsroiMap;
import dev.sieve.nn.msroi.MsroiModels;
import dev.sieve.nn.msroi.MsroiOptions;
import dev.sieve.nn.msroi.Perturbations;
import dev.sieve.nn.msroi.RoiSelection;
import dev.sieve.nn.saliency.SaliencyModels;
import java.io.IOException;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Semantic quantization, the defense of thesis ch. 3 (§3.5–3.6): a saliency map from an MS-ROI
 * network (the plain map of eq. 2.5, or Aug-MSROI, the mean over randomly perturbed inputs and
 * activations) guides a semantic JPEG encode ({@link SemanticJpeg}: salient 8×8 blocks at high
 * quality, the rest heavily quantized, by default the thesis' Algorithm 1 mosaic at the size of a
 * plain JPEG at {@code match-quality}), and the decoded JPEG is the defended image, of the input's
 * size and channels.
 *
 * <p>Pipeline stages {@code msroi-jpeg} (plain map; the seed is not used) and
 * {@code aug-msroi-jpeg} (Aug-MSROI; every perturbation comes from the seed of
 * {@link #apply}, so the same image and seed give the same output). Parameters, with defaults:
 * {@code model=default} (the shipped model, {@link MsroiModels#DEFAULT}) or a checkpoint
 * file; {@code select=topk|threshold}, {@code t=0}, {@code k=5}, {@code size=256} (the
 * {@link MsroiOptions}); for Aug-MSROI {@code passes=5}, {@code noise=8}, {@code act-noise=0.25},
 * {@code jitter=8} (the {@link Perturbations}); and the {@link SemanticOptions}: {@code mode=mosaic|direct},
 * {@code levels=5}, {@code q-low=30}, {@code q-high=70}, {@code inclusive-levels=false},
 * {@code match-quality=50}, {@code fixed-quality=0} (when &gt; 0, no size matching),
 * {@code tolerance=0.01}, {@code subsampling=420|444}, {@code block-method=dead-zone|requantize}.
 *
 * <p>Models are loaded once per process ({@link SaliencyModels}) and shared by every stage and
 * every other saliency user that names them. {@link #apply} may be called from several threads (the evaluation
 * harness defends images in a parallel stream): the network passes on one model are serialized,
 * the JPEG encodes run in parallel.
 */
public final class SemanticQuantization implements Defense {
    /** Stage name of the defense with the plain MS-ROI map. */
    public static final String MSROI = "msroi-jpeg";
    /** Stage name of the defense with the Aug-MSROI map. */
    public static final String AUG_MSROI = "aug-msroi-jpeg";
    /** The value of {@code model=} that names the shipped model. */
    public static final String DEFAULT_MODEL = "default";

    /** Produces the map of an image for a seed. */
    @FunctionalInterface
    interface MapFunction {
        SaliencyMap map(Planar image, long seed);
    }

    private final String name;
    private final String mapSpec;
    private final MapFunction maps;
    private final SemanticOptions options;

    /** A defense with any map function; {@code mapSpec} is the part of {@link #spec()} before the JPEG settings. */
    SemanticQuantization(String name, String mapSpec, MapFunction maps, SemanticOptions options) {
        if (options.mode() == SemanticMode.PLAIN) {
            throw new IllegalArgumentException("stage '" + name + "': mode must be mosaic or direct");
        }
        this.name = name;
        this.mapSpec = mapSpec;
        this.maps = Objects.requireNonNull(maps);
        this.options = options;
    }

    /**
     * Semantic quantization with the plain MS-ROI map of {@code model} ({@code modelName} is how
     * {@link #spec()} names it: {@code default} or a file).
     */
    public static SemanticQuantization msroi(Supplier<SieveModel> model, String modelName, MsroiOptions msroi, SemanticOptions jpeg) {
        Supplier<SieveModel> m = memoize(model);
        return new SemanticQuantization(MSROI, "model=" + modelName + "," + msroiSpec(msroi), (img, seed) -> {
            SieveModel net = m.get();
            synchronized (net) {
                return MsroiMap.compute(net, img, msroi).map();
            }
        }, jpeg);
    }

    /** Semantic quantization with the Aug-MSROI map of {@code model}, perturbations drawn from the seed of {@link #apply}. */
    public static SemanticQuantization augmented(Supplier<SieveModel> model, String modelName, MsroiOptions msroi, Perturbations perturbations,
            SemanticOptions jpeg) {
        Supplier<SieveModel> m = memoize(model);
        return new SemanticQuantization(AUG_MSROI, "model=" + modelName + "," + msroiSpec(msroi) + "," + perturbationSpec(perturbations),
                (img, seed) -> {
                    SieveModel net = m.get();
                    synchronized (net) {
                        return MsroiMap.augmented(net, img, msroi, perturbations, seed);
                    }
                }, jpeg);
    }

    /** The defaults of both stages: the thesis' mosaic (Algorithm 1), k = 5, Q 30..70, size of plain JPEG Q50 ± 1 %. */
    public static SemanticOptions defaultOptions() {
        return SemanticOptions.defaults(SemanticMode.MOSAIC);
    }

    /**
     * The MS-ROI network {@code model=} names: {@code default} is the built-in {@link MsroiModels#DEFAULT},
     * anything else a built-in name or a checkpoint file; opened once per process and shared with every
     * other saliency user ({@link SaliencyModels}).
     */
    public static SieveModel model(String name) throws IOException {
        return SaliencyModels.msroi(name.equals(DEFAULT_MODEL) ? MsroiModels.DEFAULT : name);
    }

    /** Builds stage {@code msroi-jpeg} or {@code aug-msroi-jpeg} from its parameters (unknown ones fail with one line). */
    static SemanticQuantization fromParams(DefenseParams p, boolean augmented) throws IOException {
        String stage = p.stage();
        if (augmented) {
            p.allow("model", "select", "t", "k", "size", "passes", "noise", "act-noise", "jitter", "mode", "levels", "q-low", "q-high",
                    "inclusive-levels", "match-quality", "fixed-quality", "tolerance", "subsampling", "block-method");
        } else {
            p.allow("model", "select", "t", "k", "size", "mode", "levels", "q-low", "q-high", "inclusive-levels", "match-quality",
                    "fixed-quality", "tolerance", "subsampling", "block-method");
        }
        MsroiOptions msroi;
        SemanticOptions jpeg;
        Perturbations perturbations = null;
        try {
            RoiSelection select = switch (p.string("select", "topk").toLowerCase(Locale.ROOT)) {
                case "topk", "top-k", "top_k" -> RoiSelection.TOP_K;
                case "threshold", "t" -> RoiSelection.THRESHOLD;
                default -> throw p.bad("select", p.string("select", ""), "topk or threshold");
            };
            MsroiOptions d = MsroiOptions.DEFAULT;
            msroi = new MsroiOptions(select, (float) p.number("t", d.threshold()), p.integer("k", d.topK()), p.integer("size", d.shortSide()));
            if (augmented) {
                Perturbations q = Perturbations.DEFAULT;
                perturbations = new Perturbations(p.integer("passes", q.passes()), (float) p.number("noise", q.inputNoise()),
                        (float) p.number("act-noise", q.activationNoise()), p.integer("jitter", q.jitter()));
            }
            SemanticOptions o = defaultOptions();
            SemanticMode mode = switch (p.string("mode", "mosaic").toLowerCase(Locale.ROOT)) {
                case "mosaic" -> SemanticMode.MOSAIC;
                case "direct" -> SemanticMode.DIRECT;
                default -> throw p.bad("mode", p.string("mode", ""), "mosaic or direct");
            };
            BlockQuality.Method method = switch (p.string("block-method", "dead-zone").toLowerCase(Locale.ROOT)) {
                case "dead-zone", "deadzone" -> BlockQuality.Method.DEAD_ZONE;
                case "requantize" -> BlockQuality.Method.REQUANTIZE;
                default -> throw p.bad("block-method", p.string("block-method", ""), "dead-zone or requantize");
            };
            int levels = p.integer("levels", o.levels());
            double low = p.number("q-low", o.qLow()), high = p.number("q-high", o.qHigh());
            if (levels < 1 || levels > 100) {
                throw p.bad("levels", String.valueOf(levels), "1..100");
            }
            if (!(low >= 1 && high <= 100 && low <= high)) {
                throw new IllegalArgumentException("stage '" + stage + "': need 1 ≤ q-low ≤ q-high ≤ 100, got " + fmt(low) + " and " + fmt(high));
            }
            jpeg = new SemanticOptions(mode, levels, low, high, p.bool("inclusive-levels", o.inclusiveLevels()),
                    p.number("match-quality", o.matchQuality()), 0, p.number("fixed-quality", o.fixedQuality()),
                    p.number("tolerance", o.tolerance()), Subsampling.parse(p.string("subsampling", "420")), false, method);
        } catch (IllegalArgumentException e) {
            throw p.invalid(e);
        }
        String modelName = p.string("model", DEFAULT_MODEL);
        SieveModel model = model(modelName);
        return augmented ? augmented(() -> model, modelName, msroi, perturbations, jpeg) : msroi(() -> model, modelName, msroi, jpeg);
    }

    @Override
    public Planar apply(Planar img, long seed) {
        SaliencyMap map = maps.map(img, seed);
        return JpegDecoder.decode(SemanticJpeg.compress(img, map, options).jpeg());
    }

    /** Only the Aug-MSROI map draws from the seed. */
    @Override
    public boolean randomized() {
        return !name.equals(MSROI);
    }

    @Override
    public String spec() {
        SemanticOptions o = options;
        return name + ":" + mapSpec + ",mode=" + o.mode().name().toLowerCase(Locale.ROOT) + ",levels=" + o.levels() + ",q-low=" + fmt(o.qLow())
                + ",q-high=" + fmt(o.qHigh()) + ",inclusive-levels=" + o.inclusiveLevels() + ",match-quality=" + fmt(o.matchQuality())
                + ",fixed-quality=" + fmt(o.fixedQuality()) + ",tolerance=" + fmt(o.tolerance())
                + ",subsampling=" + (o.subsampling() == Subsampling.S420 ? "420" : "444")
                + ",block-method=" + (o.blockMethod() == BlockQuality.Method.DEAD_ZONE ? "dead-zone" : "requantize");
    }

    /** The stage name, {@code msroi-jpeg} or {@code aug-msroi-jpeg}. */
    public String name() {
        return name;
    }

    /** The semantic JPEG settings. */
    public SemanticOptions options() {
        return options;
    }

    @Override
    public String toString() {
        return spec();
    }

    private static String msroiSpec(MsroiOptions o) {
        return "select=" + (o.selection() == RoiSelection.TOP_K ? "topk" : "threshold") + ",t=" + fmt(o.threshold()) + ",k=" + o.topK()
                + ",size=" + o.shortSide();
    }

    private static String perturbationSpec(Perturbations q) {
        return "passes=" + q.passes() + ",noise=" + fmt(q.inputNoise()) + ",act-noise=" + fmt(q.activationNoise()) + ",jitter=" + q.jitter();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static String fmt(float v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : Float.toString(v);
    }

    private static <T> Supplier<T> memoize(Supplier<T> s) {
        Object lock = new Object();
        Object[] cell = new Object[1];
        return () -> {
            synchronized (lock) {
                if (cell[0] == null) {
                    cell[0] = Objects.requireNonNull(s.get(), "model supplier returned null");
                }
                @SuppressWarnings("unchecked")
                T t = (T) cell[0];
                return t;
            }
        };
    }
}
