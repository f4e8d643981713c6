package dev.sieve.cli;

import dev.sieve.adversarial.defense.Defenses;
import dev.sieve.image.defense.Defense;
import dev.sieve.image.defense.DefensePipeline;
import dev.sieve.image.defense.PixelDeflectionDefense;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sieve defend}: a chain of input-transformation defenses, e.g. the thesis' method. */
@Command(
        name = "defend",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Purifies a possibly adversarial image with a chain of defenses.",
            "SPEC = STAGE('|'STAGE)*, STAGE = NAME[:KEY=VALUE(,KEY=VALUE)*].",
            "Stages and their parameters (defaults):",
            "  deflect   k=100 w=10 sampling=uniform|gaussian",
            "            replace=random|min|max|mean per=pixel|channel original=false",
            "            map=FILE: pixel deflection (Algorithm 2; with map, sec. 4.8)",
            "  wavelet   method=bayes|visu|sure|hard mode=soft|hard sigma=0.04|auto",
            "            wavelet=db1 levels=0 ycbcr=true: wavelet shrinkage (sec. 4.7)",
            "  jpeg      q=75 subsampling=420|444: JPEG compression and back",
            "  bitdepth  bits=5: colour depth reduction (Xu et al. 2018)",
            "  median    size=2: median smoothing, as scipy's median_filter (Xu et al.)",
            "  nlmeans   search=11 patch=3 h=4: non-local means (Xu et al.)",
            "  resizepad ratio=1.107 fill=127.5: random resize + pad (Xie et al. 2018);",
            "            the output is larger than the input",
            "  tvm       drop=0.5 weight=0.03 iterations=100: TV minimisation",
            "            (Guo et al. 2018)",
            "  bilateral sigma-color=0.1 sigma-spatial=1 radius=3: bilateral filter",
            "  anisotropic iterations=10 kappa=30 gamma=0.2 function=exp|quadratic:",
            "            Perona-Malik diffusion",
            "  deconv    sigma=1 balance=0.1: Wiener deconvolution of a Gaussian blur",
            "  quilting  data=fashion-mnist|DIR patches=100000 patch=5 overlap=2 k=10 seed=0:",
            "            image quilting from clean training patches (Guo et al. 2018)",
            "  msroi-jpeg model=default|FILE select=topk|threshold t=0 k=5 size=256",
            "            mode=mosaic|direct levels=5 q-low=30 q-high=70",
            "            inclusive-levels=false match-quality=50 fixed-quality=0",
            "            tolerance=0.01 subsampling=420|444 block-method=dead-zone|requantize:",
            "            semantic quantization (sec. 3.5): MS-ROI map of an MS-ROI model,",
            "            salient blocks at high quality, the rest heavily quantized",
            "  aug-msroi-jpeg  the same plus passes=5 noise=8 act-noise=0.25 jitter=8:",
            "            with the Aug-MSROI map (sec. 3.6), perturbations from the seed",
            "Default pipeline: the thesis' method (sec. 4.8).",
            "",
            "With several INs or folders and -d DIR, each image becomes DIR/its relative path with .png (--jobs at a time, the same seed for each), one line per file and a totals line."
        },
        footer = {"", "Example: sieve defend adv.png -o purified.png --pipeline 'deflect:k=100,w=10,map=rcam.png|wavelet' --seed 3"})
public final class DefendCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ImageTransformIO io;

    @Option(names = {"-p", "--pipeline"}, paramLabel = "SPEC", defaultValue = Defenses.THESIS, description = "Defense chain (default: ${DEFAULT-VALUE}).")
    String pipeline;

    @Mixin
    SeedOption seed;

    @Override
    public Integer call() throws Exception {
        DefensePipeline p = UsageError.fromOptions(() -> Defenses.registry().parse(pipeline));
        List<Path> maps = new ArrayList<>();
        for (Defense d : p.stages()) {
            if (d instanceof PixelDeflectionDefense pd && pd.mapFile() != null) {
                maps.add(pd.mapFile());
            }
        }
        return ImageTransforms.run(spec.commandLine(), "defend", io.inputs, io.output, io.batch, io.json.json, p.spec() + " (seed " + seed.value + ")",
                img -> p.apply(img, seed.value), maps);
    }
}
