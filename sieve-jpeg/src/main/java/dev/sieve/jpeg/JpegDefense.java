package dev.sieve.jpeg;

import dev.sieve.image.Planar;
import dev.sieve.image.defense.Defense;
import dev.sieve.image.defense.DefenseParams;
import dev.sieve.image.defense.DefenseRegistry;

/**
 * Pipeline stage {@code jpeg}: JPEG compression at quality Q and back, the classic input
 * transformation of Dziugaite et al. 2016, Das et al. 2017 and Kurakin et al. 2016, and the
 * baseline of thesis Table 4.7. Encodes with Sieve's {@link JpegEncoder} (IJG tables, optimized
 * Huffman, baseline) and decodes with {@link JpegDecoder}. Parameters: {@code q=75} (IJG quality,
 * Das et al.'s setting; the thesis does not state its own), {@code subsampling=420} or {@code 444}.
 * Deterministic: the seed is not used. Lives in {@code sieve-jpeg} because {@code sieve-image}
 * cannot depend on the encoder; {@link #registry()} adds it to the standard defenses.
 */
public final class JpegDefense implements Defense {
    private final JpegOptions options;

    public JpegDefense(JpegOptions options) {
        this.options = options;
    }

    /** The standard defenses of {@code sieve-image} plus {@code jpeg}. */
    public static DefenseRegistry registry() {
        return DefenseRegistry.standard().with("jpeg", JpegDefense::fromParams);
    }

    static JpegDefense fromParams(DefenseParams p) {
        p.allow("q", "subsampling");
        try {
            return new JpegDefense(JpegOptions.quality(p.number("q", 75))
                    .withSubsampling(Subsampling.parse(p.string("subsampling", "420"))));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("stage 'jpeg': " + e.getMessage());
        }
    }

    @Override
    public Planar apply(Planar img, long seed) {
        return JpegDecoder.decode(JpegEncoder.encode(img, options));
    }

    @Override
    public boolean randomized() {
        return false;
    }

    @Override
    public String spec() {
        double q = options.quality();
        return "jpeg:q=" + (q == Math.rint(q) ? String.valueOf((long) q) : String.valueOf(q))
                + ",subsampling=" + (options.subsampling() == Subsampling.S420 ? "420" : "444");
    }
}
