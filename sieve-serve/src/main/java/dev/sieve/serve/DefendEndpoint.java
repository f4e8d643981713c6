package dev.sieve.serve;

import dev.sieve.adversarial.defense.Defenses;
import dev.sieve.adversarial.defense.SemanticQuantization;
import dev.sieve.image.Planar;
import dev.sieve.image.defense.DefensePipeline;
import dev.sieve.image.defense.DefenseRegistry;
import java.io.IOException;
import java.util.Set;

/**
 * {@code POST /api/defend}: the uploaded image through a defense pipeline ({@code pipeline}, the spec
 * of {@code sieve defend}; default the thesis' method) with {@code seed}, as PNG. Parameters that name
 * server files ({@code map=}, {@code model=} other than {@code default}) are refused.
 */
final class DefendEndpoint {
    private DefendEndpoint() {
    }

    static final Set<String> PARAMS = Set.of("pipeline", "seed");

    /** The defenses, refusing file parameters before any file is opened. */
    private static final DefenseRegistry REGISTRY = Defenses.registry().guarded(p -> {
        if (p.has("map") || p.has("model") && !p.string("model", "").equals(SemanticQuantization.DEFAULT_MODEL)
                || p.has("data") && !p.string("data", "").equals("fashion-mnist")) {
            throw new IllegalArgumentException("stage '" + p.stage() + "': the service reads no files on the server, so map=, data= (other than"
                    + " fashion-mnist) and model= (other than " + SemanticQuantization.DEFAULT_MODEL + ") are refused");
        }
    });

    /** The pipeline the request asks for; 400 for a bad spec. */
    static DefensePipeline pipeline(ApiRequest r) throws IOException {
        try {
            return REGISTRY.parse(r.string("pipeline", Defenses.THESIS));
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, e.getMessage());
        }
    }

    /** The PNG answer (runs on a worker). */
    static byte[] png(ApiRequest r, UploadedImages images) throws IOException {
        DefensePipeline p = pipeline(r);
        long seed = r.integer("seed", 0);
        Planar img = images.decode(ApiRequest.IMAGE, r.image(ApiRequest.IMAGE));
        return UploadedImages.png(p.apply(img, seed));
    }
}
