package dev.sieve.image.defense;

import dev.sieve.image.Planar;

/**
 * Pipeline stage {@code bitdepth}: colour bit-depth reduction, the first "feature squeezer" of Xu,
 * Evans & Qi 2018 (thesis Table 4.6 (a), (b)). As their code ({@code EvadeML-Zoo}
 * {@code reduce_precision_py}) on [0, 1] samples: {@code rint(x · (2^b − 1)) / (2^b − 1)}, with
 * NumPy's round-half-to-even. Parameter {@code bits=5} (1..8), Xu et al.'s ImageNet setting.
 */
public final class BitDepthReduction implements Defense {
    private final int bits;

    public BitDepthReduction(int bits) {
        if (bits < 1 || bits > 8) {
            throw new IllegalArgumentException("bit depth must be 1..8, got " + bits);
        }
        this.bits = bits;
    }

    static BitDepthReduction fromParams(DefenseParams p) {
        p.allow("bits");
        try {
            return new BitDepthReduction(p.integer("bits", 5));
        } catch (IllegalArgumentException e) {
            throw p.invalid(e);
        }
    }

    @Override
    public Planar apply(Planar img, long seed) {
        Planar out = img.copy();
        double levels = (1 << bits) - 1;
        for (int c = 0; c < out.channels(); c++) {
            float[] p = out.plane(c);
            for (int i = 0; i < p.length; i++) {
                double x = p[i] / 255.0;
                p[i] = (float) (Math.rint(x * levels) / levels * 255.0);
            }
        }
        return out;
    }

    @Override
    public boolean randomized() {
        return false;
    }

    @Override
    public String spec() {
        return "bitdepth:bits=" + bits;
    }
}
