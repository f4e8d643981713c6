package dev.sieve.image.defense;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.image.Planar;
import dev.sieve.image.oracle.PythonOracle;
import dev.sieve.image.testimages.NaturalImages;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The denoisers of thesis Table 4.11 (bilateral, anisotropic diffusion, Wiener deconvolution) against NumPy and scikit-image. */
class Table411DenoisersTest {
    private static final int W = 45, H = 37;

    private static Planar photo() {
        return NaturalImages.crop(NaturalImages.kodim07(), 300, 180, W, H);
    }

    /** RGB samples on [0, 1], H × W × 3 row-major, as NumPy reads them. */
    private static double[] hwc(Planar p) {
        double[] v = new double[W * H * 3];
        for (int i = 0; i < W * H; i++) {
            for (int c = 0; c < 3; c++) {
                v[i * 3 + c] = p.plane(c)[i] / 255.0;
            }
        }
        return v;
    }

    private static double maxDiff(Planar out, double[] ref) {
        double worst = 0;
        for (int i = 0; i < W * H; i++) {
            for (int c = 0; c < 3; c++) {
                worst = Math.max(worst, Math.abs(out.plane(c)[i] / 255.0 - ref[i * 3 + c]));
            }
        }
        return worst;
    }

    /**
     * Against Tomasi &amp; Manduchi's formula in NumPy (scikit-image 0.19's {@code denoise_bilateral} is not
     * the reference: it divides the colour distance by the channel count and its spatial kernel is
     * shifted by one pixel, {@code arange(-win // 2, win // 2 + 1)}).
     */
    @Test
    void bilateralMatchesTomasiManduchiInNumpyWithEdgeMode(@TempDir Path dir) throws Exception {
        Planar img = photo();
        PythonOracle py = new PythonOracle(dir);
        py.put("in", hwc(img));
        py.run("""
                import sys, numpy as np
                d = sys.argv[1]
                x = np.fromfile(f'{d}/in', dtype='<f8').reshape(%d, %d, 3)
                r, ss, sc = 5, 1.5, 0.1
                p = np.pad(x, ((r, r), (r, r), (0, 0)), mode='edge')
                num = np.zeros_like(x); den = np.zeros(x.shape[:2])
                for dy in range(-r, r + 1):
                    for dx in range(-r, r + 1):
                        q = p[r + dy:r + dy + x.shape[0], r + dx:r + dx + x.shape[1]]
                        wgt = np.exp(-(dx * dx + dy * dy) / (2 * ss * ss)) * np.exp(-((q - x) ** 2).sum(-1) / (2 * sc * sc))
                        num += wgt[..., None] * q; den += wgt
                (num / den[..., None]).astype('<f8').tofile(f'{d}/out')
                """.formatted(H, W));
        BilateralFilter f = new BilateralFilter(0.1, 1.5, BilateralFilter.defaultRadius(1.5));
        assertThat(maxDiff(f.apply(img, 0), py.get("out"))).as("max |Sieve − NumPy| on [0, 1]").isLessThan(1e-6);
    }

    @Test
    void wienerDeconvolutionMatchesScikitImage(@TempDir Path dir) throws Exception {
        Planar img = photo();
        WienerDeconvolution d = new WienerDeconvolution(1.2, 0.05);
        PythonOracle py = new PythonOracle(dir);
        py.put("in", hwc(img));
        double[] psf = d.psf();
        py.put("psf", psf);
        int side = (int) Math.round(Math.sqrt(psf.length));
        py.run("""
                import sys, numpy as np
                from skimage.restoration import wiener
                d = sys.argv[1]
                x = np.fromfile(f'{d}/in', dtype='<f8').reshape(%d, %d, 3)
                psf = np.fromfile(f'{d}/psf', dtype='<f8').reshape(%d, %d)
                out = np.stack([wiener(x[..., c], psf, 0.05, clip=False) for c in range(3)], axis=-1)
                np.clip(out, 0, 1).astype('<f8').tofile(f'{d}/out')
                """.formatted(H, W, side, side));
        assertThat(maxDiff(d.apply(img, 0), py.get("out"))).as("max |Sieve − skimage| on [0, 1]").isLessThan(1e-6);
    }

    @Test
    void anisotropicDiffusionMatchesPeronaMalikInNumpyAndConservesEachChannel(@TempDir Path dir) throws Exception {
        Planar img = photo();
        PythonOracle py = new PythonOracle(dir);
        py.put("in", hwc(img));
        py.run("""
                import sys, numpy as np
                d = sys.argv[1]
                u = np.fromfile(f'{d}/in', dtype='<f8').reshape(%d, %d, 3) * 255
                g = lambda s: np.exp(-(s / 20.0) ** 2)
                for _ in range(7):
                    n = np.zeros_like(u); s = np.zeros_like(u); e = np.zeros_like(u); w = np.zeros_like(u)
                    n[1:] = u[:-1] - u[1:]; s[:-1] = u[1:] - u[:-1]
                    w[:, 1:] = u[:, :-1] - u[:, 1:]; e[:, :-1] = u[:, 1:] - u[:, :-1]
                    u = u + 0.2 * sum(g(np.abs(v)) * v for v in (n, s, e, w))
                (u / 255).astype('<f8').tofile(f'{d}/out')
                """.formatted(H, W));
        Planar out = new AnisotropicDiffusion(7, 20, 0.2, true).apply(img, 0);
        assertThat(maxDiff(out, py.get("out"))).isLessThan(1e-6);
        for (int c = 0; c < 3; c++) {
            double before = 0, after = 0;
            for (int i = 0; i < W * H; i++) {
                before += img.plane(c)[i];
                after += out.plane(c)[i];
            }
            assertThat(after).isCloseTo(before, org.assertj.core.data.Offset.offset(1e-2));
        }
    }

    @Test
    void stagesParseWithTheirDefaultsAndRefuseBadValuesInOneLine() throws Exception {
        DefenseRegistry r = DefenseRegistry.standard();
        assertThat(r.parse("bilateral").spec()).isEqualTo("bilateral:sigma-color=0.1,sigma-spatial=1.0,radius=3");
        assertThat(r.parse("anisotropic").spec()).isEqualTo("anisotropic:iterations=10,kappa=30.0,gamma=0.2,function=exp");
        assertThat(r.parse("deconv").spec()).isEqualTo("deconv:sigma=1.0,balance=0.1");
        assertThatThrownBy(() -> r.parse("anisotropic:gamma=0.5")).hasMessageContaining("stage 'anisotropic'").hasMessageContaining("0.25");
        assertThatThrownBy(() -> r.parse("deconv:balance=-1")).hasMessageContaining("stage 'deconv'");
        assertThatThrownBy(() -> r.parse("bilateral:function=exp")).hasMessageContaining("function");
    }
}
