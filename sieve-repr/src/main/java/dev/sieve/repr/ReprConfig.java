package dev.sieve.repr;

/**
 * Hyper-parameters of RePr (thesis Algorithm 3, §5.8 defaults: S1 = 20, S2 = 10, p = 30 %, N = 3,
 * Ortho ranking). {@code iterations = 0} is standard training through the same loop and optimizer.
 * {@code sparsity}: what the S2 phases drop — whole filters ranked by {@code metric} and
 * re-initialized orthogonally after (RePr), or the smallest-magnitude weights of every layer,
 * re-densified from zero after (DSD, Han et al. 2017, on the same S1/S2/N/p schedule as Table 5.4
 * compares them). {@code reinitOrthogonalToPreDrop}: the re-initialized filters are also orthogonal
 * to their own pre-drop values (Sieve's reading of Algorithm 3 line 10), or only to the kept
 * filters (an ablation public re-implementations differ on).
 * {@code globalRanking}: one ranking over the whole network (thesis §5.5) or p % of every layer;
 * {@code excludeFirst}: never drop first-layer filters (the author's advice); {@code rankingImages}:
 * training images the data-driven metrics look at ({@code oracle} uses the validation split when
 * one is given). {@code orthoLambda > 0} adds the orthogonality loss of Table 5.2;
 * {@code distillation} (nullable) adds knowledge distillation (Table 5.3).
 */
public record ReprConfig(int s1, int s2, double prune, int iterations, String metric, boolean globalRanking,
        boolean excludeFirst, int rankingImages, float orthoLambda, Distillation distillation, Sparsity sparsity,
        boolean reinitOrthogonalToPreDrop) {

    /** What a pruned phase drops. */
    public enum Sparsity {
        /** RePr: whole filters by a ranking, re-initialized orthogonally. */
        FILTERS,
        /** DSD: individual weights by magnitude, re-densified at zero. */
        WEIGHTS
    }

    /** RePr on filters, re-initialized orthogonally to the kept filters and to the dropped ones' pre-drop values. */
    public ReprConfig(int s1, int s2, double prune, int iterations, String metric, boolean globalRanking, boolean excludeFirst,
            int rankingImages, float orthoLambda, Distillation distillation) {
        this(s1, s2, prune, iterations, metric, globalRanking, excludeFirst, rankingImages, orthoLambda, distillation, Sparsity.FILTERS, true);
    }

    /** This configuration with the orthogonality-loss weight {@code lambda} and distillation {@code kd} (nullable). */
    public ReprConfig withLosses(float lambda, Distillation kd) {
        return new ReprConfig(s1, s2, prune, iterations, metric, globalRanking, excludeFirst, rankingImages, lambda, kd, sparsity,
                reinitOrthogonalToPreDrop);
    }

    /** The settings that shape the run (all but the teacher model itself), for checkpoint fingerprints. */
    public String describe() {
        return "s1=" + s1 + ",s2=" + s2 + ",p=" + prune + ",N=" + iterations + ",metric=" + metric + ",global=" + globalRanking
                + ",excludeFirst=" + excludeFirst + ",rankingImages=" + rankingImages + ",orthoLambda=" + orthoLambda + ",sparsity=" + sparsity
                + ",preDropOrtho=" + reinitOrthogonalToPreDrop
                + (distillation == null ? "" : ",kd(T=" + distillation.temperature() + ",a=" + distillation.weight() + ")");
    }

    public ReprConfig {
        if (iterations < 0 || (iterations > 0 && (s1 < 1 || s2 < 1))) {
            throw new IllegalArgumentException("RePr needs S1 ≥ 1, S2 ≥ 1 and N ≥ 0, got S1=" + s1 + ", S2=" + s2 + ", N=" + iterations);
        }
        if (!(prune > 0 && prune < 1)) {
            throw new IllegalArgumentException("prune fraction must be in (0, 1), got " + prune);
        }
        if (!(orthoLambda >= 0)) {
            throw new IllegalArgumentException("orthogonality loss weight must be ≥ 0, got " + orthoLambda);
        }
        if (rankingImages < 1) {
            throw new IllegalArgumentException("ranking images must be ≥ 1, got " + rankingImages);
        }
        Rankings.byName(metric);
        if (sparsity == null) {
            throw new IllegalArgumentException("sparsity must be FILTERS or WEIGHTS");
        }
    }

    /** Epochs the N prune/re-initialize cycles take. */
    public int cycleEpochs() {
        return iterations * (s1 + s2);
    }

    /** True when epoch {@code e} (1-based) trains the sub-network. */
    public boolean pruned(int e) {
        int c = (e - 1) / (s1 + s2), pos = (e - 1) % (s1 + s2);
        return iterations > 0 && c < iterations && pos >= s1;
    }

    /** True when the filters are ranked and dropped at the start of epoch {@code e}. */
    public boolean dropsBefore(int e) {
        return pruned(e) && (e - 1) % (s1 + s2) == s1;
    }

    /** True when the dropped filters are re-initialized at the end of epoch {@code e}. */
    public boolean reinitializesAfter(int e) {
        return pruned(e) && (e - 1) % (s1 + s2) == s1 + s2 - 1;
    }
}
