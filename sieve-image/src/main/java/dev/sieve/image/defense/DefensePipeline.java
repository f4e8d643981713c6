package dev.sieve.image.defense;

import dev.sieve.image.Planar;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Defenses applied one after another, e.g. the thesis' method (§4.8) is
 * {@code deflect:k=100,w=10|wavelet:method=bayes,sigma=0.04}. Stage {@code i} gets the
 * {@code i}-th {@code nextLong()} of a {@link SplittableRandom} seeded with the pipeline's seed,
 * so a run is reproducible from one number. Build one with {@link DefenseRegistry#parse}.
 */
public final class DefensePipeline implements Defense {
    private final List<Defense> stages;

    public DefensePipeline(List<Defense> stages) {
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("a defense pipeline needs at least one stage");
        }
        this.stages = List.copyOf(stages);
    }

    public List<Defense> stages() {
        return stages;
    }

    @Override
    public Planar apply(Planar img, long seed) {
        SplittableRandom seeds = new SplittableRandom(seed);
        Planar out = img;
        for (Defense d : stages) {
            out = d.apply(out, seeds.nextLong());
        }
        return out;
    }

    @Override
    public boolean randomized() {
        return stages.stream().anyMatch(Defense::randomized);
    }

    @Override
    public String spec() {
        return stages.stream().map(Defense::spec).collect(Collectors.joining("|"));
    }

    @Override
    public String toString() {
        return spec();
    }
}
