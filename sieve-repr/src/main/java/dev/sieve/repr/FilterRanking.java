package dev.sieve.repr;

/**
 * A criterion that ranks filters for temporary dropping (thesis §5.5, Table 5.1): the
 * {@code 𝓡(f)} of Algorithm 3. Implementations return an importance per filter; the lowest are
 * dropped.
 */
public interface FilterRanking {
    /** Short name used on the command line and in reports ({@code ortho}, {@code weights}, …). */
    String name();

    /** Importance of every filter of {@code context}'s layers (null for layers it skips). */
    FilterScores rank(RankingContext context);
}
