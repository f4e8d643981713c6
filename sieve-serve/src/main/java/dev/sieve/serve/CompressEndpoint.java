package dev.sieve.serve;

import dev.sieve.image.Planar;
import dev.sieve.jpeg.BlockQuality;
import dev.sieve.jpeg.Subsampling;
import dev.sieve.jpeg.Tune;
import dev.sieve.jpeg.semantic.SemanticMode;
import dev.sieve.jpeg.semantic.SemanticOptions;
import dev.sieve.nn.compress.SemanticCompressor;
import dev.sieve.nn.saliency.SaliencyRecipe;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code POST /api/compress}: semantic JPEG (thesis ch. 2) of the uploaded image, with the keys of
 * {@code sieve compress} as parameters. Answers the JPEG with the report in {@code X-Sieve-*} headers,
 * or with {@code format=json} the report as JSON with the JPEG in {@code jpeg_base64}.
 */
final class CompressEndpoint {
    /** The parameters, each as the {@code sieve compress} option of the same name (with - for _). */
    static final Set<String> PARAMS = params();

    private final SaliencyService saliency;

    CompressEndpoint(SaliencyService saliency) {
        this.saliency = saliency;
    }

    /** The response of one request: the JPEG and its report. */
    record Compressed(byte[] jpeg, Map<String, Object> report) {
    }

    /** The options the request asks for; 400 for a bad one. */
    static SemanticOptions options(ApiRequest r) {
        SemanticMode mode;
        BlockQuality.Method method;
        try {
            mode = SemanticMode.parse(r.string("mode", "direct"));
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "mode " + e.getMessage());
        }
        try {
            method = BlockQuality.Method.parse(r.string("block_method", "dead-zone"));
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "block_method " + e.getMessage());
        }
        SemanticOptions d = SemanticOptions.defaults(mode);
        double quality = r.number("quality", 0);
        if (quality != 0 && (r.params().containsKey("match_quality") || r.params().containsKey("target_bytes"))) {
            throw new ApiError(400, "quality fixes the quality, so it cannot be combined with target_bytes or match_quality");
        }
        if (r.params().containsKey("match_quality") && r.params().containsKey("target_bytes")) {
            throw new ApiError(400, "give match_quality or target_bytes, not both");
        }
        try {
            return new SemanticOptions(mode, r.whole("levels", d.levels()), r.number("q_low", d.qLow()), r.number("q_high", d.qHigh()),
                    r.flag("inclusive_levels", false), r.number("match_quality", d.matchQuality()), r.integer("target_bytes", 0), quality,
                    r.number("tolerance", d.tolerance()), Subsampling.parse(r.string("subsampling", "420")), r.flag("progressive", true),
                    method, Tune.parse(r.string("tune", "visual")), r.number("saliency_weight", d.saliencyWeight()),
                    r.number("lambda_scale", 1));
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, e.getMessage());
        }
    }

    /** Compresses the request's image (runs on a worker). */
    Compressed compress(ApiRequest r, UploadedImages images) throws java.io.IOException {
        SemanticOptions o = options(r);
        Optional<SaliencyRecipe> recipe = o.mode() == SemanticMode.PLAIN ? Optional.empty() : saliency.recipe(r);
        if (o.mode() != SemanticMode.PLAIN && recipe.isEmpty()) {
            throw new ApiError(400, "saliency=none needs mode=plain");
        }
        Planar img = images.decode(ApiRequest.IMAGE, r.image(ApiRequest.IMAGE));
        SemanticCompressor compressor = new SemanticCompressor(o, im -> saliency.forEncoding(recipe.orElseThrow(), im));
        SemanticCompressor.Outcome out = compressor.compress(img, null, null);
        return new Compressed(out.result().jpeg(), compressor.report(img, out));
    }

    /** The report as {@code X-Sieve-*} headers: {@code reference_bytes} → {@code X-Sieve-Reference-Bytes}; arrays comma-separated. */
    static Map<String, String> headers(Map<String, Object> report) {
        Map<String, String> h = new LinkedHashMap<>();
        report.forEach((k, v) -> {
            if (v == null) {
                return;
            }
            StringBuilder name = new StringBuilder("X-Sieve");
            for (String w : k.split("_")) {
                name.append('-').append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
            }
            String value = v instanceof double[] a ? join(java.util.Arrays.stream(a).mapToObj(Double::toString).toArray(String[]::new))
                    : v instanceof int[] a ? join(java.util.Arrays.stream(a).mapToObj(Integer::toString).toArray(String[]::new))
                    : String.valueOf(v);
            h.put(name.toString(), value);
        });
        return h;
    }

    /** The JSON answer of {@code format=json}: the report and the JPEG in base64. */
    static Map<String, Object> json(Compressed c) {
        Map<String, Object> m = new LinkedHashMap<>(c.report());
        m.put("jpeg_base64", Base64.getEncoder().encodeToString(c.jpeg()));
        return m;
    }

    private static String join(String[] parts) {
        return String.join(",", parts);
    }

    private static Set<String> params() {
        Set<String> s = new TreeSet<>(Set.of("mode", "quality", "match_quality", "target_bytes", "tune", "saliency_weight", "lambda_scale",
                "levels", "q_low", "q_high", "inclusive_levels", "subsampling", "progressive", "block_method", "tolerance", "format"));
        s.addAll(SaliencyService.PARAMS);
        return s;
    }
}
