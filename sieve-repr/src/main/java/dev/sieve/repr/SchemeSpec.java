package dev.sieve.repr;

import java.util.Locale;

/**
 * A training scheme by name, as {@code sieve eval repr --schemes} and {@code sieve train --scheme}
 * spell it: {@code standard}; {@code repr-METRIC} (Algorithm 3 with a {@link Rankings} metric, e.g.
 * {@code repr-ortho}, {@code repr-random} the control that tells whether the ranking matters);
 * {@code dsd} (Dense–Sparse–Dense, {@link WeightMask}); {@code ban} (born-again networks,
 * {@link BornAgain}). A RePr name may carry ablation flags joined by {@code +}:
 * {@code per-layer} (p % of every layer instead of one global ranking), {@code first-layer} (the
 * first convolution is ranked and dropped too), {@code no-predrop} (re-initialized filters
 * orthogonal to the kept filters only, not to their own pre-drop values). The absolute value of
 * eq. 5.1 is a metric of its own, {@code repr-ortho-signed}.
 */
public record SchemeSpec(String name, Kind kind, String metric, boolean perLayer, boolean firstLayer, boolean preDropOrthogonal) {

    /** The families of schemes. */
    public enum Kind {
        STANDARD, REPR, DSD, BAN
    }

    /**
     * The scheme of family {@code kind}; for {@link Kind#REPR} ranked by {@code metric}, per layer
     * or globally, with or without the first convolution (other families ignore the three).
     */
    public static SchemeSpec of(Kind kind, String metric, boolean perLayer, boolean firstLayer) {
        if (kind != Kind.REPR) {
            return parse(kind.name());
        }
        return parse("repr-" + metric + (perLayer ? "+per-layer" : "") + (firstLayer ? "+first-layer" : ""));
    }

    /**
     * True for the ablations of the RePr study: a RePr scheme with any {@code +} flag, or ranked by
     * {@code ortho-signed} (eq. 5.1 without its absolute value); not for the rankings of Table 5.1.
     */
    public boolean ablation() {
        return kind == Kind.REPR && (perLayer || firstLayer || !preDropOrthogonal || "ortho-signed".equals(metric));
    }

    /** True for the families with S1/S2 phases (RePr, DSD). */
    public boolean cycles() {
        return kind == Kind.REPR || kind == Kind.DSD;
    }

    /** Parses a scheme name; an unknown name or flag is an {@link IllegalArgumentException} listing what is known. */
    public static SchemeSpec parse(String text) {
        String name = text.trim().toLowerCase(Locale.ROOT);
        String[] parts = name.split("\\+", -1);
        String base = parts[0];
        if (parts.length > 1 && !base.startsWith("repr-")) {
            throw new IllegalArgumentException("scheme '" + text + "': only repr-METRIC schemes take +flags");
        }
        switch (base) {
            case "standard":
                return new SchemeSpec(name, Kind.STANDARD, null, false, false, true);
            case "dsd":
                return new SchemeSpec(name, Kind.DSD, null, false, false, true);
            case "ban":
                return new SchemeSpec(name, Kind.BAN, null, false, false, true);
            default:
                break;
        }
        if (!base.startsWith("repr-")) {
            throw new IllegalArgumentException("unknown scheme '" + text + "' (known: standard, repr-METRIC[+per-layer][+first-layer][+no-predrop], dsd, ban;"
                    + " METRIC one of " + String.join(", ", Rankings.NAMES) + ")");
        }
        String metric = base.substring("repr-".length());
        Rankings.byName(metric);
        boolean perLayer = false, first = false, preDrop = true;
        for (int i = 1; i < parts.length; i++) {
            switch (parts[i]) {
                case "per-layer" -> perLayer = true;
                case "first-layer" -> first = true;
                case "no-predrop" -> preDrop = false;
                default -> throw new IllegalArgumentException("scheme '" + text + "': unknown flag '" + parts[i]
                        + "' (known: per-layer, first-layer, no-predrop)");
            }
        }
        return new SchemeSpec(name, Kind.REPR, metric, perLayer, first, preDrop);
    }

    /**
     * The loop configuration of this scheme on the shared schedule (S1, S2, p, N) and ranking sample;
     * standard and BAN run N = 0 (BAN's distillation is added by {@link BornAgain}).
     */
    public ReprConfig config(int s1, int s2, double prune, int iterations, int rankingImages) {
        return switch (kind) {
            case STANDARD, BAN -> new ReprConfig(s1, s2, prune, 0, "ortho", true, true, rankingImages, 0f, null);
            case DSD -> new ReprConfig(s1, s2, prune, iterations, "weights", true, true, rankingImages, 0f, null, ReprConfig.Sparsity.WEIGHTS,
                    true);
            case REPR -> new ReprConfig(s1, s2, prune, iterations, metric, !perLayer, !firstLayer, rankingImages, 0f, null,
                    ReprConfig.Sparsity.FILTERS, preDropOrthogonal);
        };
    }
}
