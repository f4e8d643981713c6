package dev.sieve.nn.saliency;

import dev.sieve.image.saliency.BoundaryConnectivity;
import dev.sieve.image.saliency.DefocusSharpness;
import dev.sieve.image.saliency.SaliencyFusion;
import dev.sieve.image.saliency.SaliencySource;
import dev.sieve.image.saliency.SpectralResidual;
import dev.sieve.image.saliency.SuperpixelRefinement;
import dev.sieve.nn.detect.Detector;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Saliency sources by name, and the default fusion {@code auto}.
 *
 * <p>Specs: {@code msroi} (the MS-ROI map of the given network), {@code spectral} (spectral residual,
 * rank-normalized, as {@code --saliency spectral}), {@code center} (the centre prior), {@code boundary}
 * ({@link BoundaryConnectivity}), {@code focus} ({@link DefocusSharpness}), {@code auto}
 * ({@link #auto}), and {@code mix:NAME=W+NAME=W…[/alpha=A][/low=L][/high=H][/emphasis=E]}: a fusion of the raw
 * maps of {@code msroi}, {@code spectral} (min–max, not rank-normalized), {@code center}, {@code boundary} and {@code focus} with
 * weights W, propagation α, stretch quantiles L, H and detector emphasis E ({@code /emphasis=E}, {@link SaliencyFusion}).
 */
public final class SaliencySources {
    /**
     * Weights of {@code auto}, chosen on the validation split of the annotated photo set among 20 candidate
     * fusions by top-k coverage and equal-bytes subject PSNR ({@code docs/results/saliency-photos.md}). MS-ROI
     * alone lowers subject PSNR on those photos, so it enters with a small weight; the background prior
     * ({@link BoundaryConnectivity}) carries most of the evidence.
     */
    public static final double BOUNDARY_WEIGHT = 1, MSROI_WEIGHT = 0.25, SPECTRAL_WEIGHT = 0.5, CENTER_WEIGHT = 0.25;
    /**
     * Weight of the focus cue ({@link DefocusSharpness}, as scores) in {@code auto}, chosen on the same split among 0, 0.5
     * and 1 once its blur gate was in place: 0.5 raised coverage 0.55 → 0.63 and pointing 78 → 92 % with subject and
     * whole-image PSNR unchanged (1: the same coverage, 0.02 dB less subject PSNR).
     */
    public static final double FOCUS_WEIGHT = 0.5;
    /**
     * The detectors {@code auto} fuses when their models are present, and their weights, chosen on the same
     * validation split ({@code docs/results/saliency-photos.md}): {@code objects} as scores, {@code faces} also
     * bounding the map from below. {@code people} is left out: the selfie segmentation also segments landscapes
     * and close-ups of objects, and every candidate with it covered the subjects less.
     */
    public static final List<String> AUTO_DETECTORS = List.of("objects", "faces");
    public static final double OBJECTS_WEIGHT = 1, FACES_WEIGHT = 1;
    /**
     * Stretch quantiles of {@code auto} (chosen on the same split: LOW among 0.3, 0.5, 0.7; HIGH among 0.85, 0.95 and,
     * with the detector emphasis, 0.99, which kept coverage and PSNR and raised pointing 78 → 85 %).
     */
    public static final double LOW = 0.3, HIGH = 0.99;
    /**
     * Detector emphasis of {@code auto} ({@link SaliencyFusion#emphasis}), chosen on the same split among 0, 0.5, 1
     * and 2: 0.5 raised coverage 0.50 → 0.56 and pointing 65 → 78 % with subject and whole-image PSNR unchanged or better.
     */
    public static final double EMPHASIS = 0.5;
    /** The detectors whose map bounds a fusion from below unless a mix says otherwise: a face or a person is always covered. */
    static final List<String> COVERING = List.of("faces", "people");
    /** The detector that must find something before {@code people} counts in a mix unless it says otherwise. */
    static final String PEOPLE_GATE = "faces";

    private SaliencySources() {
    }

    /**
     * The default map: the background prior, MS-ROI, spectral residual, the centre prior and the focus cue, plus those of
     * {@link #AUTO_DETECTORS} that loaded from {@code detectors} (weights above), fused and refined to object extent with
     * the defaults of {@link SuperpixelRefinement}. What each detector finds goes to {@code found} (by name) unless it is null.
     */
    public static SaliencyFusion auto(SaliencySource msroi, DetectorSources detectors, Map<String, Detector.Result> found) {
        List<SaliencyFusion.Weighted> s = new ArrayList<>();
        s.add(new SaliencyFusion.Weighted(new BoundaryConnectivity(), BOUNDARY_WEIGHT));
        s.add(new SaliencyFusion.Weighted(msroi, MSROI_WEIGHT));
        s.add(new SaliencyFusion.Weighted(SaliencySource.spectral(), SPECTRAL_WEIGHT));
        s.add(new SaliencyFusion.Weighted(SaliencySource.center(), CENTER_WEIGHT));
        for (String d : detectors.available()) {
            if (AUTO_DETECTORS.contains(d)) {
                s.add(detector(detectors, d, d.equals("objects") ? OBJECTS_WEIGHT : FACES_WEIGHT, COVERING, PEOPLE_GATE, found));
            }
        }
        s.add(new SaliencyFusion.Weighted(new DefocusSharpness(), FOCUS_WEIGHT, SaliencyFusion.Scale.SCORES));
        return new SaliencyFusion("auto", s, SuperpixelRefinement.DEFAULT, LOW, HIGH, EMPHASIS);
    }

    private static SaliencyFusion.Weighted detector(DetectorSources detectors, String name, double weight, List<String> covering,
            String peopleGate, Map<String, Detector.Result> found) {
        String gate = name.equals("people") && peopleGate != null && detectors.available().contains(peopleGate) ? peopleGate : null;
        return new SaliencyFusion.Weighted(detectors.source(name, found, gate), weight,
                covering.contains(name) ? SaliencyFusion.Scale.COVERING : SaliencyFusion.Scale.SCORES);
    }

    /**
     * The source {@code spec} names; {@code msroi} is the network's source (used by msroi, auto and mixes that
     * name it), {@code detectors} those of the models directory (auto uses those that loaded; naming one that
     * did not load is an error).
     */
    public static SaliencySource parse(String spec, SaliencySource msroi, DetectorSources detectors) {
        return parse(spec, msroi, detectors, null);
    }

    /** As {@link #parse(String, SaliencySource, DetectorSources)}; what each detector of the spec finds goes to {@code found} (by name) unless it is null. */
    public static SaliencySource parse(String spec, SaliencySource msroi, DetectorSources detectors, Map<String, Detector.Result> found) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        if (DetectorSources.NAMES.contains(s)) {
            return detectors.source(s, found);
        }
        switch (s) {
            case "msroi":
                return msroi;
            case "spectral":
                return SaliencySource.of("spectral", img -> new SpectralResidual().compute(img).rankNormalized());
            case "center":
                return SaliencySource.center();
            case "boundary":
                return new BoundaryConnectivity();
            case "focus":
                return new DefocusSharpness();
            case "auto":
                return auto(msroi, detectors, found);
            default:
                break;
        }
        if (!s.startsWith("mix:")) {
            throw new IllegalArgumentException("unknown saliency source '" + spec + "' (known: msroi, spectral, center, boundary, focus, objects, faces, people, auto, mix:NAME=W+...)");
        }
        String[] parts = s.substring(4).split("/");
        SuperpixelRefinement r = SuperpixelRefinement.DEFAULT;
        double low = LOW, high = HIGH, emphasis = 0;
        List<String> covering = COVERING;
        String gate = PEOPLE_GATE;
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=");
            if (kv.length != 2) {
                throw new IllegalArgumentException("mix setting must be KEY=VALUE, got '" + parts[i] + "'");
            }
            if (kv[0].equals("cover")) {
                covering = kv[1].equals("none") ? List.of() : List.of(kv[1].split("\\+"));
                for (String c : covering) {
                    if (!DetectorSources.NAMES.contains(c)) {
                        throw new IllegalArgumentException("cover must name objects, faces or people (or none), got '" + c + "'");
                    }
                }
                continue;
            }
            if (kv[0].equals("gate")) {
                gate = kv[1].equals("none") ? null : kv[1];
                if (gate != null && !DetectorSources.NAMES.contains(gate)) {
                    throw new IllegalArgumentException("gate must name objects, faces or people (or none), got '" + gate + "'");
                }
                continue;
            }
            double v = number(kv[1], parts[i]);
            switch (kv[0]) {
                case "alpha" -> r = new SuperpixelRefinement(r.workSide(), r.superpixels(), v, r.sigma(), r.iterations());
                case "low" -> low = v;
                case "high" -> high = v;
                case "emphasis" -> emphasis = v;
                default -> throw new IllegalArgumentException("mix setting must be alpha, low, high, emphasis, cover or gate, got '" + kv[0] + "'");
            }
        }
        List<SaliencyFusion.Weighted> ws = new ArrayList<>();
        for (String term : parts[0].split("\\+")) {
            String[] kv = term.split("=");
            if (kv.length != 2) {
                throw new IllegalArgumentException("mix term must be NAME=WEIGHT, got '" + term + "'");
            }
            double w = number(kv[1], term);
            if (DetectorSources.NAMES.contains(kv[0])) {
                ws.add(detector(detectors, kv[0], w, covering, gate, found));
                continue;
            }
            if (kv[0].equals("focus")) {
                // its values carry their own confidence, so they enter as scores, not divided by their maximum
                ws.add(new SaliencyFusion.Weighted(new DefocusSharpness(), w, SaliencyFusion.Scale.SCORES));
                continue;
            }
            SaliencySource src = switch (kv[0]) {
                case "msroi" -> msroi;
                case "spectral" -> SaliencySource.spectral();
                case "center" -> SaliencySource.center();
                case "boundary" -> new BoundaryConnectivity();
                default -> throw new IllegalArgumentException("mix source must be msroi, spectral, center, boundary, focus, objects, faces or people, got '"
                        + kv[0] + "'");
            };
            ws.add(new SaliencyFusion.Weighted(src, w));
        }
        return new SaliencyFusion(spec.trim(), ws, r, low, high, emphasis);
    }

    /**
     * Whether {@code spec} runs the MS-ROI network: {@code msroi}, {@code auto}, or a mix with an msroi term (read as
     * {@link #parse} reads it: case-insensitive, terms split at +, a term's name before its =).
     */
    public static boolean usesMsroi(String spec) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        if (!s.startsWith("mix:")) {
            return s.equals("msroi") || s.equals("auto");
        }
        for (String term : s.substring(4).split("/")[0].split("\\+")) {
            if (term.split("=")[0].equals("msroi")) {
                return true;
            }
        }
        return false;
    }

    private static double number(String v, String context) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number in '" + context + "'");
        }
    }
}
