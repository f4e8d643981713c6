package dev.sieve.image.defense;

import dev.sieve.image.Planar;
import dev.sieve.image.deflection.PixelDeflection;
import dev.sieve.image.deflection.PixelDeflection.ChannelMode;
import dev.sieve.image.deflection.PixelDeflection.Options;
import dev.sieve.image.deflection.PixelDeflection.Replacement;
import dev.sieve.image.deflection.PixelDeflection.Sampling;
import dev.sieve.image.saliency.SaliencyMap;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Pipeline stage {@code deflect}: {@link PixelDeflection} (thesis Algorithm 2, §4.8), optionally
 * guided by a saliency map file. Parameters (defaults = thesis, Table 4.1):
 * {@code k=100} deflections, {@code w=10} window apothem, {@code sampling=uniform|gaussian},
 * {@code replace=random|min|max|mean}, {@code per=pixel|channel}, {@code original=false}
 * (the author's code: in place, row/column 0 never a source; implies {@code per=channel} unless
 * {@code per} is given), {@code map=FILE} (grayscale map, white = keep).
 */
public final class PixelDeflectionDefense implements Defense {
    private final PixelDeflection deflection;
    private final SaliencyMap map;
    private final Path mapFile;

    public PixelDeflectionDefense(Options options, SaliencyMap map, Path mapFile) {
        this.deflection = new PixelDeflection(options);
        this.map = map;
        this.mapFile = mapFile;
    }

    static PixelDeflectionDefense fromParams(DefenseParams p) throws IOException {
        p.allow("k", "w", "sampling", "replace", "per", "original", "map");
        boolean original = p.bool("original", false);
        Sampling s = choice(p, "sampling", Sampling.class, Sampling.UNIFORM);
        Replacement r = choice(p, "replace", Replacement.class, Replacement.RANDOM);
        String per = p.string("per", original ? "channel" : "pixel").toLowerCase(Locale.ROOT);
        ChannelMode mode = switch (per) {
            case "pixel" -> ChannelMode.PIXEL;
            case "channel" -> ChannelMode.CHANNEL;
            default -> throw p.bad("per", per, "pixel or channel");
        };
        Options o;
        try {
            o = new Options(p.integer("k", 100), p.integer("w", 10), s, r, mode, original);
        } catch (IllegalArgumentException e) {
            throw p.invalid(e);
        }
        Path mapFile = p.has("map") ? Path.of(p.string("map", "")) : null;
        return new PixelDeflectionDefense(o, mapFile == null ? null : SaliencyMap.read(mapFile), mapFile);
    }

    static <E extends Enum<E>> E choice(DefenseParams p, String key, Class<E> type, E fallback) {
        String v = p.string(key, fallback.name());
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder names = new StringBuilder();
            for (E c : type.getEnumConstants()) {
                names.append(names.length() == 0 ? "" : "|").append(c.name().toLowerCase(Locale.ROOT));
            }
            throw p.bad(key, v, names.toString());
        }
    }

    /** The map file this stage reads, or {@code null}. */
    public Path mapFile() {
        return mapFile;
    }

    public PixelDeflection deflection() {
        return deflection;
    }

    @Override
    public Planar apply(Planar img, long seed) {
        return deflection.apply(img, map, seed);
    }

    @Override
    public String spec() {
        Options o = deflection.options();
        return "deflect:k=" + o.deflections() + ",w=" + o.window() + ",sampling=" + o.sampling().name().toLowerCase(Locale.ROOT)
                + ",replace=" + o.replacement().name().toLowerCase(Locale.ROOT)
                + ",per=" + o.channels().name().toLowerCase(Locale.ROOT) + ",original=" + o.originalCode()
                + (mapFile == null ? "" : ",map=" + mapFile);
    }
}
