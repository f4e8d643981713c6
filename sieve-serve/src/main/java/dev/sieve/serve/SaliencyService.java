package dev.sieve.serve;

import dev.sieve.image.defense.DefenseParams;
import dev.sieve.image.Planar;
import dev.sieve.nn.model.SieveModel;
import dev.sieve.nn.msroi.MsroiModels;
import dev.sieve.nn.msroi.MsroiOptions;
import dev.sieve.nn.msroi.Perturbations;
import dev.sieve.nn.saliency.SaliencyRecipe;
import java.util.Optional;
import java.util.Set;

/**
 * The saliency maps the service computes: by default {@code auto}, the map of {@code sieve compress}
 * (sources fused and refined to object extent, {@link SaliencyRecipe}); or MS-ROI (thesis eq. 2.5) or
 * Aug-MSROI (§3.6) of the built-in MS-ROI network {@value MsroiModels#DEFAULT}, loaded once and shared
 * by every request (its passes are serialized on the model), the model-free spectral residual, or one detector
 * ({@code objects}, {@code faces}, {@code people}) of the server's models folder.
 */
final class SaliencyService {
    /** The request parameters that choose the map. */
    static final Set<String> PARAMS = Set.of("saliency", "msroi_size", "top_k", "passes", "saliency_seed");

    private final SieveModel model;
    private final String modelsDir;

    /** Maps from the MS-ROI network {@code model}; auto fuses the detectors of {@code modelsDir} (null: the default folder). */
    SaliencyService(SieveModel model, String modelsDir) {
        this.model = model;
        this.modelsDir = modelsDir;
    }

    /**
     * The recipe the request asks for ({@code saliency=auto} by default, as {@code sieve compress}; {@code msroi}, {@code aug-msroi},
     * {@code spectral}, a detector, {@code boundary}, {@code center}, {@code focus} or a fusion {@code mix:…}, checked before any work);
     * empty for {@code saliency=none}.
     */
    Optional<SaliencyRecipe> recipe(ApiRequest r) {
        String method = r.string("saliency", "auto");
        if (method.equals("none")) {
            return Optional.empty();
        }
        if (!method.matches("auto|msroi|aug-msroi|spectral|objects|faces|people|boundary|center|focus") && !method.startsWith("mix:")) {
            throw new ApiError(400, "saliency must be auto, msroi, aug-msroi, spectral, objects, faces, people, boundary, center, focus,"
                    + " a fusion mix:NAME=W+… or none, got " + DefenseParams.quote(method));
        }
        try {
            MsroiOptions o = MsroiOptions.DEFAULT.withShortSide(r.whole("msroi_size", MsroiOptions.DEFAULT.shortSide()))
                    .withTopK(r.whole("top_k", MsroiOptions.DEFAULT.topK()));
            Perturbations d = Perturbations.DEFAULT;
            Perturbations p = new Perturbations(r.whole("passes", d.passes()), d.inputNoise(), d.activationNoise(), d.jitter());
            SaliencyRecipe recipe = new SaliencyRecipe(method, o, o.topK(), p, r.integer("saliency_seed", 1), modelsDir);
            if (recipe.isDetector() && !recipe.detectors().available().contains(method)) {
                throw new ApiError(400, method + " is not available on this server (" + recipe.detectors().note() + ")");
            }
            if (recipe.isComposed()) {
                recipe.composed(model, MsroiModels.DEFAULT, null);
            }
            return Optional.of(recipe);
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, e.getMessage());
        }
    }

    /** The map of {@code img}. */
    SaliencyRecipe.Result compute(SaliencyRecipe recipe, Planar img) {
        return recipe.compute(model, MsroiModels.DEFAULT, img);
    }

    /** The map an encoder may use ({@link SaliencyRecipe#forEncoding}: null, with a fallback line, when none can be trusted). */
    SaliencyRecipe.Result forEncoding(SaliencyRecipe recipe, Planar img) {
        return recipe.forEncoding(model, MsroiModels.DEFAULT, img);
    }
}
