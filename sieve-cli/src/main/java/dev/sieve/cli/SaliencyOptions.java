package dev.sieve.cli;

import dev.sieve.image.Planar;
import dev.sieve.nn.detect.Detectors;
import dev.sieve.nn.detect.ModelsDirectory;
import dev.sieve.nn.model.DjlClassifier;
import dev.sieve.nn.msroi.ClassEvidence;
import dev.sieve.nn.msroi.MsroiModels;
import dev.sieve.nn.msroi.MsroiOptions;
import dev.sieve.nn.msroi.Perturbations;
import dev.sieve.nn.msroi.RoiSelection;
import dev.sieve.nn.saliency.SaliencyModels;
import dev.sieve.nn.saliency.SaliencyRecipe;
import dev.sieve.nn.saliency.SaliencySources;
import java.io.IOException;
import java.util.Locale;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How a saliency map is computed: auto (the default fusion), MS-ROI / Aug-MSROI from an MS-ROI network,
 * R-CAM from a classifier, spectral residual, or a pretrained detector.
 */
final class SaliencyOptions {
    @Option(names = "--saliency", paramLabel = "METHOD", defaultValue = "auto",
            description = {"auto (a background prior, MS-ROI, spectral residual, a centre prior, a focus cue and, when their models are in --models-dir, the detectors " +
                "objects and faces (a detected face is always covered), fused and refined to object extent on SLIC superpixels), " +
                "msroi (thesis eq. 2.5), aug-msroi (§3.6: mean over perturbed passes), rcam (eq. 4.5, needs a classifier " +
                "--saliency-model), spectral (model-free spectral residual, rank-normalized), or a pretrained detector from " +
                "--models-dir: objects (CenterNet, 80 COCO classes: boxes filled with their score), faces (BlazeFace: face " +
                "boxes grown 1.3x) or people (selfie segmentation: person probability); or a source of sieve eval saliency: " +
                "boundary (background prior), center (centre prior), focus (sharp edges) or a fusion mix:NAME=W+NAME=W[/low=L]" +
                "[/high=H][/emphasis=E] (e.g. one tuned with sieve eval saliency) (default: ${DEFAULT-VALUE})."})
    String method;

    @Mixin
    ModelsDirOption modelsDir;

    @Option(names = "--saliency-model", paramLabel = "MODEL", defaultValue = MsroiModels.DEFAULT,
            description = "MS-ROI checkpoint from 'sieve train msroi', a classifier for rcam, or a built-in name (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--select", paramLabel = "RULE", defaultValue = "topk",
            description = "MS-ROI classes: topk (the k best, weighted k..1 by rank) or threshold (every class with Z > T) (default: ${DEFAULT-VALUE}).")
    RoiSelection select;

    @Option(names = {"-k", "--top-k"}, paramLabel = "K", defaultValue = "5", description = "Classes combined by topk and by rcam (default: ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--class-threshold", paramLabel = "T", defaultValue = "0",
            description = "T for --select threshold, on the class logit Z (0 = probability 1/2) (default: ${DEFAULT-VALUE}).")
    float threshold;

    @Option(names = "--class-evidence", paramLabel = "E", defaultValue = "scores",
            description = "MS-ROI per-class evidence: scores (class score maps cut at 0) or features (the class's feature maps summed, eq. 2.5 as written) (default: ${DEFAULT-VALUE}).")
    ClassEvidence evidence;

    @Option(names = "--msroi-size", paramLabel = "PX", defaultValue = "256",
            description = "The network sees the whole image with this shorter side (at most 2048), aspect kept; 0 = native resolution; its input may hold at most 2048 x 2048 pixels; inside auto and mix: at most the fusion's working size (256 px on the longer side) (default: ${DEFAULT-VALUE}).")
    int msroiSize;

    @Option(names = "--passes", paramLabel = "N", defaultValue = "5", description = "aug-msroi: perturbed passes averaged (default: ${DEFAULT-VALUE}).")
    int passes;

    @Option(names = "--saliency-seed", paramLabel = "S", defaultValue = "1", description = "aug-msroi: seed of the perturbations (default: ${DEFAULT-VALUE}).")
    long seed;

    /** The saliency model, opened once per process ({@link SaliencyModels}). */
    DjlClassifier model() throws IOException {
        return SaliencyModels.open(model);
    }

    MsroiOptions msroiOptions() {
        return new MsroiOptions(select, threshold, topK, msroiSize, evidence);
    }

    /** One line naming the method and its settings, for reports. */
    String describe() {
        if (Detectors.isDetector(method)) {
            return method + " detector " + modelsDir.resolve().resolve(Detectors.modelOf(method) + ".json");
        }
        String evidenceName = evidence.name().toLowerCase(Locale.ROOT);
        if (method.startsWith("mix:")) {
            return method + (SaliencySources.usesMsroi(method) ? " (msroi of " + model + ")" : "") + ", refined on superpixels";
        }
        return switch (method) {
            case "spectral" -> "spectral-residual, rank-normalized (model-free)";
            case "boundary" -> "boundary: background prior on superpixels (model-free)";
            case "center" -> "center: centre prior (model-free, no evidence of a subject alone)";
            case "focus" -> "focus: edge sharpness times depth-of-field confidence (model-free)";
            case "rcam" -> "rcam of " + model + ", top-" + topK;
            case "auto" -> "auto: msroi of " + model + " + boundary + spectral + center + the detectors in " + modelsDir.resolve()
                    + ", refined on superpixels";
            default -> method + " of " + model + ", " + evidenceName + ", select " + select + (select == RoiSelection.TOP_K ? " k=" + topK : " T=" + threshold)
                    + ", network input short side " + (msroiSize == 0 ? "native" : msroiSize + " px")
                    + (method.equals("aug-msroi") ? ", " + passes + " passes, seed " + seed : "");
        };
    }

    /** Checks the options without loading a model (a detector's model file must exist; a mix must parse, its detectors load). */
    void validate() throws IOException {
        SaliencyRecipe r = recipe();
        if (Detectors.isDetector(method)) {
            ModelsDirectory.modelJson(modelsDir.resolve(), Detectors.modelOf(method));
        }
        if (r.isComposed()) {
            UsageError.fromOptions(() -> {
                r.checkComposed();
                return r;
            });
        }
    }

    /** The recipe these options describe. */
    SaliencyRecipe recipe() throws IOException {
        return UsageError.fromOptions(() -> new SaliencyRecipe(method, msroiOptions(), topK, new Perturbations(passes,
                Perturbations.DEFAULT.inputNoise(), Perturbations.DEFAULT.activationNoise(), Perturbations.DEFAULT.jitter()), seed, modelsDir.dir));
    }

    /** The map of {@code img} and a description of how it was made. */
    SaliencyRecipe.Result compute(Planar img) throws IOException {
        SaliencyRecipe r = recipe();
        return r.compute(r.needsModel() ? model() : null, model, img);
    }

    /** The map an encoder may use ({@link SaliencyRecipe#forEncoding}: null when none can be trusted). */
    SaliencyRecipe.Result forEncoding(Planar img) throws IOException {
        SaliencyRecipe r = recipe();
        return r.forEncoding(r.needsModelForEncoding() ? model() : null, model, img);
    }

    /** The MS-ROI source of these options' model (for sieve eval saliency). */
    dev.sieve.nn.saliency.MsroiSource msroiSource() throws IOException {
        if (!MsroiModels.isMsroi(model())) {
            throw new UsageError(model + ": not an MS-ROI network");
        }
        return new dev.sieve.nn.saliency.MsroiSource((dev.sieve.nn.model.SieveModel) model(), msroiOptions());
    }
}
