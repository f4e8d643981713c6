package dev.sieve.repr;

import java.util.List;
import java.util.Locale;

/** The ranking criteria of thesis Table 5.1 (and {@code ortho-signed}, eq. 5.1 without its absolute value), by command-line name. */
public final class Rankings {
    /** Names accepted by {@link #byName}. */
    public static final List<String> NAMES = List.of("ortho", "ortho-signed", "weights", "random", "activation", "apoz", "gradient", "taylor", "oracle");

    private Rankings() {
    }

    /** The criterion called {@code name}. */
    public static FilterRanking byName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "ortho" -> new FilterOrthogonality();
            case "ortho-signed" -> new FilterOrthogonality(false);
            case "weights" -> new WeightNormRanking();
            case "random" -> new RandomRanking();
            case "activation" -> new MeanActivationRanking();
            case "apoz" -> new ApozRanking();
            case "gradient" -> new GradientRanking();
            case "taylor" -> new TaylorRanking();
            case "oracle" -> new OracleRanking();
            default -> throw new IllegalArgumentException("unknown ranking metric '" + name + "' (known: " + String.join(", ", NAMES) + ")");
        };
    }

    /** True when the criterion reads images (so a ranking set is needed). */
    public static boolean needsData(String name) {
        return !List.of("ortho", "ortho-signed", "weights", "random").contains(name.toLowerCase(Locale.ROOT));
    }
}
