package dev.sieve.nn.compress;

import dev.sieve.image.Planar;
import dev.sieve.image.io.AtomicFiles;
import dev.sieve.image.io.ImageFiles;
import dev.sieve.image.metrics.Channels;
import dev.sieve.image.metrics.Psnr;
import dev.sieve.image.saliency.MapTrust;
import dev.sieve.image.saliency.SaliencyMap;
import dev.sieve.jpeg.semantic.SemanticJpeg;
import dev.sieve.jpeg.semantic.SemanticMode;
import dev.sieve.jpeg.semantic.SemanticOptions;
import dev.sieve.jpeg.semantic.SemanticReport;
import dev.sieve.jpeg.semantic.SemanticResult;
import dev.sieve.nn.model.DjlClassifier;
import dev.sieve.nn.saliency.SaliencyRecipe;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Semantic JPEG of one image (thesis ch. 2) with its saliency map given or computed: what
 * {@code sieve compress}, the service and the Spark compress job run per image, so all write the same
 * bytes for the same options. Never worse than plain: a given map that {@link MapTrust} refuses, or a
 * computed one {@link SaliencyRecipe#forEncoding} finds no trustworthy replacement for, gives the plain
 * JPEG, and the outcome says why ({@code fallback}).
 */
public final class SemanticCompressor {
    /** Opens the saliency model named by the recipe's model name. */
    @FunctionalInterface
    public interface ModelLoader {
        DjlClassifier open(String name) throws IOException;
    }

    /** The map an encoder may use for an image ({@link SaliencyRecipe#forEncoding}'s contract: map null = encode plain). */
    @FunctionalInterface
    public interface MapMaker {
        SaliencyRecipe.Result make(Planar img) throws IOException;
    }

    /**
     * One compressed image.
     *
     * @param result   the JPEG and the chosen parameters
     * @param map      the saliency map used (null when plain)
     * @param saliency how the map was made, one line
     * @param fallback why a map was refused and what was used instead, or null
     * @param sources  the sources of a fused map (name, weight, used; a detector's detections), or null
     * @param note     a line about the sources (detector models absent or bad, said once per process), or null
     * @param options  the options the JPEG was made with (plain mode after a fallback to plain)
     * @param millis   saliency plus encoding time, ms
     */
    public record Outcome(SemanticResult result, SaliencyMap map, String saliency, String fallback, Object sources, String note,
            SemanticOptions options, double millis) {
    }

    /**
     * One image file compressed into a JPEG file.
     *
     * @param outcome the compressed image
     * @param report  input and output paths, {@link #report}'s fields and psnr
     * @param psnr    luma PSNR of the written JPEG against the image (dB)
     */
    public record FileOutcome(Outcome outcome, Map<String, Object> report, double psnr) {
    }

    private final SemanticOptions options;
    private final MapMaker maker;
    private final String modelName;
    private final ModelLoader loader;
    private DjlClassifier model;

    /**
     * @param options   encoder settings
     * @param recipe    how maps are computed when none is given (unused in plain mode)
     * @param modelName the saliency model (a built-in name or a file), opened with {@code loader} on first use
     */
    public SemanticCompressor(SemanticOptions options, SaliencyRecipe recipe, String modelName, ModelLoader loader) {
        this.options = options;
        this.modelName = modelName;
        this.loader = loader;
        this.maker = img -> recipe.forEncoding(recipe.needsModelForEncoding() ? model() : null, modelName, img);
    }

    /** With maps from {@code maker} (e.g. a detector source the recipe does not know). */
    public SemanticCompressor(SemanticOptions options, MapMaker maker) {
        this.options = options;
        this.maker = maker;
        this.modelName = null;
        this.loader = null;
    }

    public SemanticOptions options() {
        return options;
    }

    /** Compresses {@code img}; {@code map} (described as {@code mapName}) replaces the computed map when not null. */
    public Outcome compress(Planar img, SaliencyMap map, String mapName) throws IOException {
        return compress(img, map, mapName, () -> { });
    }

    /** As {@link #compress(Planar, SaliencyMap, String)}, calling {@code afterEncode} after every JPEG encode. */
    public Outcome compress(Planar img, SaliencyMap map, String mapName, Runnable afterEncode) throws IOException {
        long t0 = System.nanoTime();
        SaliencyMap saliency = null;
        String source = "none (plain JPEG)", fallback = null, note = null;
        Object sources = null;
        if (map != null) {
            saliency = map;
            source = "map " + mapName;
            MapTrust.Verdict v = MapTrust.check(map);
            if (!v.trusted() && options.mode() != SemanticMode.PLAIN) {
                fallback = "map refused (" + v.reason() + "); encoding plain JPEG";
                saliency = null;
            }
        } else if (options.mode() != SemanticMode.PLAIN) {
            SaliencyRecipe.Result c = maker.make(img);
            saliency = c.map();
            fallback = c.fallback();
            sources = c.description().get("sources");
            note = (String) c.description().get("note");
            source = describe(c);
        }
        SemanticOptions used = saliency == null && options.mode() != SemanticMode.PLAIN ? options.withMode(SemanticMode.PLAIN) : options;
        SemanticResult r = SemanticJpeg.compress(img, saliency, used, afterEncode);
        return new Outcome(r, saliency, source, fallback, sources, note, used, (System.nanoTime() - t0) / 1e6);
    }

    /** Compresses image file {@code in} with a computed map into JPEG file {@code out} (written atomically), and measures the written file. */
    public FileOutcome compressFile(Path in, Path out) throws IOException {
        Planar img = ImageFiles.read(in);
        Outcome o = compress(img, null, null);
        AtomicFiles.write(out, o.result().jpeg());
        double psnr = Psnr.of(img, ImageFiles.read(out), Channels.LUMA);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("input", in.toString());
        f.put("output", out.toString());
        f.putAll(report(img, o));
        f.put("psnr", psnr);
        return new FileOutcome(o, f, psnr);
    }

    /**
     * The report of {@code sieve compress --json} without its input and output: width, height, saliency,
     * the fields of {@link SemanticReport#fields}, saliency_sources, saliency_note and saliency_fallback when there are any, time_ms.
     */
    public Map<String, Object> report(Planar img, Outcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("width", img.width());
        m.put("height", img.height());
        m.put("saliency", o.saliency());
        m.putAll(SemanticReport.fields(o.options(), o.result()));
        if (o.sources() != null) {
            m.put("saliency_sources", o.sources());
        }
        if (o.note() != null) {
            m.put("saliency_note", o.note());
        }
        if (o.fallback() != null) {
            m.put("saliency_fallback", o.fallback());
        }
        m.put("time_ms", Math.round(o.millis() * 10) / 10.0);
        return m;
    }

    private synchronized DjlClassifier model() throws IOException {
        if (model == null) {
            model = loader.open(modelName);
        }
        return model;
    }

    private static String describe(SaliencyRecipe.Result c) {
        Map<String, Object> d = c.description();
        return d.get("model") == null ? "spectral-residual (model-free)" : d.get("method") + " " + d.get("model");
    }
}
