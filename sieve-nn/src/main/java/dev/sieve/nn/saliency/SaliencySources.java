package dev.sieve.nn.saliency;

import dev.sieve.image.saliency.BoundaryConnectivity;
import dev.sieve.image.saliency.SaliencyFusion;
import dev.sieve.image.saliency.SaliencySource;
import dev.sieve.image.saliency.SpectralResidual;
import dev.sieve.image.saliency.SuperpixelRefinement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Saliency sources by name, and the default fusion {@code auto}.
 *
 * <p>Specs: {@code msroi} (the MS-ROI map of the given network), {@code spectral} (spectral residual,
 * rank-normalized, as {@code --saliency spectral}), {@code center} (the centre prior), {@code boundary}
 * ({@link BoundaryConnectivity}), {@code auto}
 * ({@link #auto}), and {@code mix:NAME=W+NAME=W…[/alpha=A][/low=L][/high=H]}: a fusion of the raw
 * maps of {@code msroi}, {@code spectral} (min–max, not rank-normalized), {@code center} and {@code boundary} with
 * weights W, propagation α and stretch quantiles L, H ({@link SaliencyFusion}).
 */
public final class SaliencySources {
    /**
     * Weights of {@code auto}, chosen on the validation split of the annotated photo set among 20 candidate
     * fusions by top-k coverage and equal-bytes subject PSNR ({@code docs/results/saliency-photos.md}). MS-ROI
     * alone lowers subject PSNR on those photos, so it enters with a small weight; the background prior
     * ({@link BoundaryConnectivity}) carries most of the evidence.
     */
    public static final double BOUNDARY_WEIGHT = 1, MSROI_WEIGHT = 0.25, SPECTRAL_WEIGHT = 0.5, CENTER_WEIGHT = 0.25;
    /** Stretch quantiles of {@code auto} (chosen on the same split among 0.3, 0.5, 0.7 and 0.85, 0.95). */
    public static final double LOW = 0.3, HIGH = 0.95;

    private SaliencySources() {
    }

    /**
     * The default map: the background prior, MS-ROI, spectral residual and the centre prior (weights above)
     * plus any {@code extra} sources (detectors), fused and refined to object extent with the defaults of
     * {@link SuperpixelRefinement}.
     */
    public static SaliencyFusion auto(SaliencySource msroi, List<SaliencyFusion.Weighted> extra) {
        List<SaliencyFusion.Weighted> s = new ArrayList<>();
        s.add(new SaliencyFusion.Weighted(new BoundaryConnectivity(), BOUNDARY_WEIGHT));
        s.add(new SaliencyFusion.Weighted(msroi, MSROI_WEIGHT));
        s.add(new SaliencyFusion.Weighted(SaliencySource.spectral(), SPECTRAL_WEIGHT));
        s.add(new SaliencyFusion.Weighted(SaliencySource.center(), CENTER_WEIGHT));
        s.addAll(extra);
        return new SaliencyFusion("auto", s, SuperpixelRefinement.DEFAULT, LOW, HIGH);
    }

    /** The source {@code spec} names; {@code msroi} is the network's source (used by msroi, auto and mixes that name it). */
    public static SaliencySource parse(String spec, SaliencySource msroi) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "msroi":
                return msroi;
            case "spectral":
                return SaliencySource.of("spectral", img -> new SpectralResidual().compute(img).rankNormalized());
            case "center":
                return SaliencySource.center();
            case "boundary":
                return new BoundaryConnectivity();
            case "auto":
                return auto(msroi, List.of());
            default:
                break;
        }
        if (!s.startsWith("mix:")) {
            throw new IllegalArgumentException("unknown saliency source '" + spec + "' (known: msroi, spectral, center, boundary, auto, mix:NAME=W+...)");
        }
        String[] parts = s.substring(4).split("/");
        List<SaliencyFusion.Weighted> ws = new ArrayList<>();
        for (String term : parts[0].split("\\+")) {
            String[] kv = term.split("=");
            if (kv.length != 2) {
                throw new IllegalArgumentException("mix term must be NAME=WEIGHT, got '" + term + "'");
            }
            SaliencySource src = switch (kv[0]) {
                case "msroi" -> msroi;
                case "spectral" -> SaliencySource.spectral();
                case "center" -> SaliencySource.center();
                case "boundary" -> new BoundaryConnectivity();
                default -> throw new IllegalArgumentException("mix source must be msroi, spectral, center or boundary, got '" + kv[0] + "'");
            };
            ws.add(new SaliencyFusion.Weighted(src, number(kv[1], term)));
        }
        SuperpixelRefinement r = SuperpixelRefinement.DEFAULT;
        double low = LOW, high = HIGH;
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=");
            if (kv.length != 2) {
                throw new IllegalArgumentException("mix setting must be KEY=VALUE, got '" + parts[i] + "'");
            }
            double v = number(kv[1], parts[i]);
            switch (kv[0]) {
                case "alpha" -> r = new SuperpixelRefinement(r.workSide(), r.superpixels(), v, r.sigma(), r.iterations());
                case "low" -> low = v;
                case "high" -> high = v;
                default -> throw new IllegalArgumentException("mix setting must be alpha, low or high, got '" + kv[0] + "'");
            }
        }
        return new SaliencyFusion(spec.trim(), ws, r, low, high);
    }

    private static double number(String v, String context) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number in '" + context + "'");
        }
    }
}
