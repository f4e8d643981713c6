package dev.sieve.image.defense;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Names of pipeline stages and how each is built from its parameters; parses pipeline specs.
 *
 * <p>Grammar: {@code SPEC = STAGE ('|' STAGE)*}, {@code STAGE = NAME [':' KEY '=' VALUE (',' KEY '=' VALUE)*]}.
 * {@link #standard()} knows the defenses of this module: {@code deflect}, {@code wavelet},
 * {@code bitdepth}, {@code median}, {@code nlmeans}, {@code resizepad}, {@code tvm}, {@code bilateral},
 * {@code anisotropic}, {@code deconv}; modules
 * higher up add their own with {@link #with} (the JPEG defense lives in {@code sieve-jpeg}).
 */
public final class DefenseRegistry {
    /** Builds a defense from its stage parameters. */
    @FunctionalInterface
    public interface Factory {
        Defense create(DefenseParams params) throws IOException;
    }

    private final Map<String, Factory> factories;

    private DefenseRegistry(Map<String, Factory> factories) {
        this.factories = factories;
    }

    /** The defenses of {@code sieve-image}. */
    public static DefenseRegistry standard() {
        Map<String, Factory> f = new LinkedHashMap<>();
        f.put("deflect", PixelDeflectionDefense::fromParams);
        f.put("wavelet", WaveletDefense::fromParams);
        f.put("bitdepth", BitDepthReduction::fromParams);
        f.put("median", MedianSmoothing::fromParams);
        f.put("nlmeans", NonLocalMeans::fromParams);
        f.put("resizepad", RandomResizePad::fromParams);
        f.put("tvm", TotalVariationMinimization::fromParams);
        f.put("bilateral", BilateralFilter::fromParams);
        f.put("anisotropic", AnisotropicDiffusion::fromParams);
        f.put("deconv", WienerDeconvolution::fromParams);
        return new DefenseRegistry(f);
    }

    /** A registry with {@code name} added (or replaced). */
    public DefenseRegistry with(String name, Factory factory) {
        Map<String, Factory> f = new LinkedHashMap<>(factories);
        f.put(name.toLowerCase(Locale.ROOT), factory);
        return new DefenseRegistry(f);
    }

    /**
     * This registry with {@code check} run on every stage's parameters before the stage is built (and
     * reads any file it names); a check refuses a stage by throwing {@link IllegalArgumentException}.
     */
    public DefenseRegistry guarded(java.util.function.Consumer<DefenseParams> check) {
        Map<String, Factory> f = new LinkedHashMap<>();
        factories.forEach((name, factory) -> f.put(name, p -> {
            check.accept(p);
            return factory.create(p);
        }));
        return new DefenseRegistry(f);
    }

    /** Stage names, in registration order. */
    public List<String> names() {
        return List.copyOf(factories.keySet());
    }

    /** Parses {@code spec}; bad syntax, unknown stages or parameters fail with one line. */
    public DefensePipeline parse(String spec) throws IOException {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty defense pipeline; e.g. deflect:k=100,w=10|wavelet:sigma=0.04");
        }
        List<Defense> stages = new ArrayList<>();
        for (String stage : spec.split("\\|", -1)) {
            String s = stage.strip();
            int colon = s.indexOf(':');
            String name = (colon < 0 ? s : s.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                throw new IllegalArgumentException("defense pipeline " + DefenseParams.quote(spec) + " has an empty stage");
            }
            Factory f = factories.get(name);
            if (f == null) {
                throw new IllegalArgumentException("unknown defense " + DefenseParams.quote(name) + " (known: " + String.join(", ", names()) + ")");
            }
            try {
                stages.add(f.create(DefenseParams.parse(name, colon < 0 ? "" : s.substring(colon + 1))));
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        return new DefensePipeline(stages);
    }
}
