package dev.sieve.cli;

import dev.sieve.image.Planar;
import dev.sieve.image.saliency.SaliencyMap;
import dev.sieve.image.saliency.SpectralResidual;
import dev.sieve.nn.cam.ClassActivationMaps;
import dev.sieve.nn.model.DjlClassifier;
import dev.sieve.nn.model.ModelFiles;
import dev.sieve.nn.model.Network;
import dev.sieve.nn.model.SieveModel;
import dev.sieve.nn.msroi.ClassEvidence;
import dev.sieve.nn.msroi.MsroiMap;
import dev.sieve.nn.msroi.MsroiModels;
import dev.sieve.nn.msroi.MsroiOptions;
import dev.sieve.nn.msroi.Perturbations;
import dev.sieve.nn.msroi.RoiSelection;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/** How a saliency map is computed: MS-ROI / Aug-MSROI from an MS-ROI network, R-CAM from a classifier, or spectral residual. */
final class SaliencyOptions {
    @Option(names = "--saliency", paramLabel = "METHOD", defaultValue = "msroi",
            description = {"msroi (thesis eq. 2.5), aug-msroi (§3.6: mean over perturbed passes), rcam (eq. 4.5, needs a classifier",
                "--saliency-model) or spectral (model-free spectral residual, rank-normalized) (default: ${DEFAULT-VALUE})."})
    String method;

    @Option(names = "--saliency-model", paramLabel = "MODEL", defaultValue = MsroiModels.DEFAULT,
            description = "MS-ROI checkpoint from 'sieve train msroi', a classifier for rcam, or a built-in name (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--select", paramLabel = "RULE", defaultValue = "topk",
            description = "MS-ROI classes: topk (the k best, weighted k..1 by rank) or threshold (every class with Z > T) (default: ${DEFAULT-VALUE}).")
    String select;

    @Option(names = {"-k", "--top-k"}, paramLabel = "K", defaultValue = "5", description = "Classes combined by topk and by rcam (default: ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--class-threshold", paramLabel = "T", defaultValue = "0",
            description = "T for --select threshold, on the class logit Z (0 = probability 1/2) (default: ${DEFAULT-VALUE}).")
    float threshold;

    @Option(names = "--class-evidence", paramLabel = "E", defaultValue = "scores",
            description = "MS-ROI per-class evidence: scores (class score maps cut at 0) or features (the class's feature maps summed, eq. 2.5 as written) (default: ${DEFAULT-VALUE}).")
    String evidence;

    @Option(names = "--msroi-size", paramLabel = "PX", defaultValue = "256",
            description = "The network sees the whole image with this shorter side (at most 2048), aspect kept; 0 = native resolution; its input may hold at most 2048 x 2048 pixels (default: ${DEFAULT-VALUE}).")
    int msroiSize;

    @Option(names = "--passes", paramLabel = "N", defaultValue = "5", description = "aug-msroi: perturbed passes averaged (default: ${DEFAULT-VALUE}).")
    int passes;

    @Option(names = "--saliency-seed", paramLabel = "S", defaultValue = "1", description = "aug-msroi: seed of the perturbations (default: ${DEFAULT-VALUE}).")
    long seed;

    /** The saliency model, opened on first use and kept for the command's lifetime (eval compression maps many images). */
    private DjlClassifier loaded;

    private DjlClassifier model() throws IOException {
        if (loaded == null) {
            loaded = ModelFiles.open(model, null, 224);
        }
        return loaded;
    }

    /** The map of {@code img} and a description of how it was made. */
    record Computed(SaliencyMap map, Map<String, Object> description) {
    }

    MsroiOptions msroiOptions() {
        RoiSelection rule = switch (select.toLowerCase(Locale.ROOT)) {
            case "topk" -> RoiSelection.TOP_K;
            case "threshold" -> RoiSelection.THRESHOLD;
            default -> throw new UsageError("--select must be topk or threshold, got '" + select + "'");
        };
        ClassEvidence e = switch (evidence.toLowerCase(Locale.ROOT)) {
            case "scores" -> ClassEvidence.SCORES;
            case "features" -> ClassEvidence.FEATURES;
            default -> throw new UsageError("--class-evidence must be scores or features, got '" + evidence + "'");
        };
        return new MsroiOptions(rule, threshold, topK, msroiSize, e);
    }

    /** One line naming the method and its settings, for reports. */
    String describe() {
        return switch (method) {
            case "spectral" -> "spectral-residual, rank-normalized (model-free)";
            case "rcam" -> "rcam of " + model + ", top-" + topK;
            default -> method + " of " + model + ", " + evidence + ", select " + select + (select.equals("topk") ? " k=" + topK : " T=" + threshold)
                    + ", network input short side " + (msroiSize == 0 ? "native" : msroiSize + " px")
                    + (method.equals("aug-msroi") ? ", " + passes + " passes, seed " + seed : "");
        };
    }

    /** Checks the options without loading a model. */
    void validate() throws IOException {
        if (!method.matches("msroi|aug-msroi|rcam|spectral")) {
            throw new UsageError("--saliency must be msroi, aug-msroi, rcam or spectral, got '" + method + "'");
        }
        UsageError.fromOptions(() -> {
            msroiOptions();
            return new Perturbations(passes, Perturbations.DEFAULT.inputNoise(), Perturbations.DEFAULT.activationNoise(),
                    Perturbations.DEFAULT.jitter());
        });
    }

    Computed compute(Planar img) throws IOException {
        validate();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("method", method);
        if (method.equals("spectral")) {
            d.put("model", null);
            return new Computed(new SpectralResidual().compute(img).rankNormalized(), d);
        }
        d.put("model", model);
        DjlClassifier c = model();
        boolean msroi = c instanceof SieveModel m && m.network().head() == Network.Head.CLASS_MAPS;
        if (method.equals("rcam")) {
            if (msroi || !(c instanceof SieveModel source)) {
                throw new IllegalArgumentException(model + ": rcam needs a Sieve classifier with class activation maps, not an MS-ROI network or TorchScript");
            }
            d.put("topK", topK);
            return new Computed(ClassActivationMaps.rcam(source, img, Math.min(topK, c.numClasses())), d);
        }
        if (!msroi) {
            throw new IllegalArgumentException(model + ": not an MS-ROI network (use --saliency rcam for a classifier)");
        }
        SieveModel m = (SieveModel) c;
        MsroiOptions o = msroiOptions();
        d.put("select", select);
        d.put(o.selection() == RoiSelection.TOP_K ? "topK" : "threshold", o.selection() == RoiSelection.TOP_K ? (Object) topK : (Object) threshold);
        d.put("msroiSize", msroiSize);
        SaliencyMap map;
        if (method.equals("aug-msroi")) {
            Perturbations p = new Perturbations(passes, Perturbations.DEFAULT.inputNoise(), Perturbations.DEFAULT.activationNoise(),
                    Perturbations.DEFAULT.jitter());
            d.put("passes", passes);
            d.put("seed", seed);
            map = MsroiMap.augmented(m, img, o, p, seed);
        } else {
            MsroiMap.Result r = MsroiMap.compute(m, img, o);
            Map<String, Float> classes = new LinkedHashMap<>();
            for (int c2 : r.selected()) {
                classes.put(m.classes().get(c2), r.classScores()[c2]);
            }
            d.put("classes", classes);
            map = r.map();
        }
        boolean empty = true;
        for (float v : map.values()) {
            empty &= v == 0;
        }
        d.put("empty", empty);
        return new Computed(map, d);
    }
}
