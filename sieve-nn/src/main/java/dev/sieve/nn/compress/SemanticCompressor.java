package dev.sieve.nn.compress;

import dev.sieve.image.Planar;
import dev.sieve.image.saliency.SaliencyMap;
import dev.sieve.jpeg.semantic.SemanticJpeg;
import dev.sieve.jpeg.semantic.SemanticMode;
import dev.sieve.jpeg.semantic.SemanticOptions;
import dev.sieve.jpeg.semantic.SemanticReport;
import dev.sieve.jpeg.semantic.SemanticResult;
import dev.sieve.nn.model.DjlClassifier;
import dev.sieve.nn.saliency.SaliencyRecipe;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Semantic JPEG of one image (thesis ch. 2) with its saliency map given or computed by a
 * {@link SaliencyRecipe}: what {@code sieve compress} and the Spark compress job run per image, so both
 * write the same bytes for the same options. The saliency model is opened on first use and kept.
 */
public final class SemanticCompressor {
    /** Opens the saliency model named by the recipe's model name. */
    @FunctionalInterface
    public interface ModelLoader {
        DjlClassifier open(String name) throws IOException;
    }

    /**
     * One compressed image.
     *
     * @param result   the JPEG and the chosen parameters
     * @param map      the saliency map used (null in plain mode)
     * @param saliency how the map was made, one line
     * @param millis   saliency plus encoding time, ms
     */
    public record Outcome(SemanticResult result, SaliencyMap map, String saliency, double millis) {
    }

    private final SemanticOptions options;
    private final SaliencyRecipe recipe;
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
        this.recipe = recipe;
        this.modelName = modelName;
        this.loader = loader;
    }

    public SemanticOptions options() {
        return options;
    }

    /** Compresses {@code img}; {@code map} (described as {@code mapName}) replaces the recipe's map when not null. */
    public Outcome compress(Planar img, SaliencyMap map, String mapName) throws IOException {
        return compress(img, map, mapName, () -> { });
    }

    /** As {@link #compress(Planar, SaliencyMap, String)}, calling {@code afterEncode} after every JPEG encode. */
    public Outcome compress(Planar img, SaliencyMap map, String mapName, Runnable afterEncode) throws IOException {
        long t0 = System.nanoTime();
        SaliencyMap saliency = null;
        String source = "none (plain JPEG)";
        if (map != null) {
            saliency = map;
            source = "map " + mapName;
        } else if (options.mode() != SemanticMode.PLAIN) {
            SaliencyRecipe.Result c = recipe.compute(recipe.needsModel() ? model() : null, modelName, img);
            saliency = c.map();
            source = describe(c);
        }
        SemanticResult r = SemanticJpeg.compress(img, saliency, options, afterEncode);
        return new Outcome(r, saliency, source, (System.nanoTime() - t0) / 1e6);
    }

    /**
     * The report of {@code sieve compress --json} without its input and output: width, height, saliency,
     * the fields of {@link SemanticReport#fields}, time_ms.
     */
    public Map<String, Object> report(Planar img, Outcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("width", img.width());
        m.put("height", img.height());
        m.put("saliency", o.saliency());
        m.putAll(SemanticReport.fields(options, o.result()));
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
        return d.get("model") == null ? "spectral-residual (model-free)"
                : d.get("method") + " " + d.get("model")
                + (Boolean.TRUE.equals(d.get("empty")) ? " (found no salient region: every block at the lowest level)" : "");
    }
}
