package dev.sieve.image.defense;

import dev.sieve.image.io.UserPaths;
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
 * {@code per} is given), {@code map=FILE} (grayscale map, white = keep),
 * or {@code map=rcam} (the R-CAM of the classifier being defended, eq. 4.5, computed per image;
 * {@code top=K} classes, default 5; only where the pipeline knows that classifier:
 * {@code eval defense}, {@code attack --defense}).
 */
public final class PixelDeflectionDefense implements Defense {
    /** A map computed from each image (white = keep), such as the defended classifier's R-CAM. */
    public interface Guide {
        SaliencyMap map(Planar img);

        /** The {@code map=…} parameters, e.g. {@code map=rcam,top=5}. */
        String spec();
    }

    private final PixelDeflection deflection;
    private final SaliencyMap map;
    private final Path mapFile;
    private final Guide guide;

    public PixelDeflectionDefense(Options options, SaliencyMap map, Path mapFile) {
        this(options, map, mapFile, null);
    }

    private PixelDeflectionDefense(Options options, SaliencyMap map, Path mapFile, Guide guide) {
        this.deflection = new PixelDeflection(options);
        this.map = map;
        this.mapFile = mapFile;
        this.guide = guide;
    }

    static PixelDeflectionDefense fromParams(DefenseParams p) throws IOException {
        return fromParams(p, null);
    }

    /** The stage from its parameters; {@code rcam} builds the {@code map=rcam} guide for top-K classes ({@code null}: refused). */
    public static PixelDeflectionDefense fromParams(DefenseParams p, java.util.function.IntFunction<Guide> rcam) throws IOException {
        p.allow("k", "w", "sampling", "replace", "per", "original", "map", "top");
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
        if (p.string("map", "").equalsIgnoreCase("rcam")) {
            if (rcam == null) {
                throw new IllegalArgumentException("stage '" + p.stage()
                        + "': map=rcam needs the classifier being defended, and this pipeline was built without one (evaluations and adaptive attacks have it)");
            }
            int top = p.integer("top", 5);
            if (top < 1) {
                throw p.bad("top", String.valueOf(top), "≥ 1");
            }
            return new PixelDeflectionDefense(o, null, null, rcam.apply(top));
        }
        if (p.has("top")) {
            throw p.bad("top", p.string("top", ""), "only with map=rcam");
        }
        Path mapFile = p.has("map") ? UserPaths.of(p.string("map", "")) : null;
        return new PixelDeflectionDefense(o, mapFile == null ? null : SaliencyMap.read(mapFile), mapFile, null);
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
        return deflection.apply(img, guide != null ? guide.map(img) : map, seed);
    }

    @Override
    public String spec() {
        Options o = deflection.options();
        return "deflect:k=" + o.deflections() + ",w=" + o.window() + ",sampling=" + o.sampling().name().toLowerCase(Locale.ROOT)
                + ",replace=" + o.replacement().name().toLowerCase(Locale.ROOT)
                + ",per=" + o.channels().name().toLowerCase(Locale.ROOT) + ",original=" + o.originalCode()
                + (mapFile == null ? "" : ",map=" + mapFile) + (guide == null ? "" : "," + guide.spec());
    }
}
