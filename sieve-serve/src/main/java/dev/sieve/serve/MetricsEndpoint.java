package dev.sieve.serve;

import dev.sieve.image.defense.DefenseParams;
import dev.sieve.image.Planar;
import dev.sieve.image.metrics.Channels;
import dev.sieve.image.metrics.PsnrS;
import dev.sieve.image.metrics.QualityReport;
import dev.sieve.image.saliency.SaliencyMap;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code POST /api/metrics}: the seven metrics of thesis Table 2.1 between multipart parts
 * {@code reference} and {@code distorted}, as JSON with the keys of {@code sieve metrics --json}. PSNR-S
 * uses part {@code map} when sent, else the reference's saliency map ({@code saliency=none}: no PSNR-S).
 */
final class MetricsEndpoint {
    static final Set<String> PARAMS = params();
    static final Set<String> PARTS = Set.of("reference", "distorted", "map");

    private final SaliencyService saliency;

    MetricsEndpoint(SaliencyService saliency) {
        this.saliency = saliency;
    }

    /** The JSON answer (runs on a worker). */
    Map<String, Object> metrics(ApiRequest r, UploadedImages images) throws IOException {
        Channels channels = switch (r.string("channels", "luma").toLowerCase(Locale.ROOT)) {
            case "luma" -> Channels.LUMA;
            case "rgb" -> Channels.RGB;
            default -> throw new ApiError(400, "channels must be luma or rgb, got " + DefenseParams.quote(r.string("channels", "")));
        };
        double threshold = r.number("threshold", PsnrS.DEFAULT_THRESHOLD);
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new ApiError(400, "threshold must be in [0, 1], got " + threshold);
        }
        Planar ref = images.decode("reference", r.image("reference"));
        Planar dist = images.decode("distorted", r.image("distorted"));
        if (ref.width() != dist.width() || ref.height() != dist.height()) {
            throw new ApiError(422, "images differ in size: reference is " + ref.width() + "x" + ref.height() + ", distorted is "
                    + dist.width() + "x" + dist.height());
        }
        SaliencyMap map;
        String source;
        if (r.images().containsKey("map")) {
            map = images.decodeMap("map", r.image("map"));
            source = "map part";
        } else {
            var recipe = saliency.recipe(r);
            map = recipe.map(rc -> saliency.compute(rc, ref).map()).orElse(null);
            source = recipe.map(rc -> rc.method() + " of the reference").orElse("none");
        }
        QualityReport q = QualityReport.of(ref, dist, map, threshold, channels);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("width", ref.width());
        m.put("height", ref.height());
        m.put("channels", channels.name().toLowerCase(Locale.ROOT));
        m.put("saliency", source);
        m.put("threshold", threshold);
        double[] v = q.values();
        for (int i = 0; i < v.length; i++) {
            m.put(QualityReport.KEYS[i], v[i]);
        }
        return m;
    }

    private static Set<String> params() {
        Set<String> s = new TreeSet<>(SaliencyService.PARAMS);
        s.add("channels");
        s.add("threshold");
        return s;
    }
}
