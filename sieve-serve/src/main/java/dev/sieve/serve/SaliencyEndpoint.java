package dev.sieve.serve;

import dev.sieve.image.Planar;
import dev.sieve.image.saliency.HeatOverlay;
import dev.sieve.nn.saliency.SaliencyRecipe;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code POST /api/saliency}: the saliency map of the uploaded image as a grayscale PNG of its size
 * (white = most salient), or with {@code overlay=1} the map as a heat overlay on the image.
 */
final class SaliencyEndpoint {
    static final Set<String> PARAMS = params();

    private final SaliencyService saliency;

    SaliencyEndpoint(SaliencyService saliency) {
        this.saliency = saliency;
    }

    /** The PNG answer (runs on a worker). */
    byte[] png(ApiRequest r, UploadedImages images) throws IOException {
        SaliencyRecipe recipe = saliency.recipe(r).orElseThrow(() -> new ApiError(400, "saliency=none has no map"));
        boolean overlay = r.flag("overlay", false);
        Planar img = images.decode(ApiRequest.IMAGE, r.image(ApiRequest.IMAGE));
        var map = saliency.compute(recipe, img).map().resizedTo(img.width(), img.height());
        return UploadedImages.png(overlay ? HeatOverlay.of(img, map) : map.toImage());
    }

    private static Set<String> params() {
        Set<String> s = new TreeSet<>(SaliencyService.PARAMS);
        s.add("overlay");
        return s;
    }
}
