package dev.sieve.cli;

import dev.sieve.adversarial.attack.Budget;
import dev.sieve.adversarial.defense.Defenses;
import dev.sieve.adversarial.eval.AttackSpec;
import dev.sieve.adversarial.eval.ImageAttack;
import dev.sieve.image.defense.DefensePipeline;
import dev.sieve.nn.model.DjlClassifier;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sieve attack}: an adversarial version of one image against one model. */
@Command(
        name = "attack",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Makes an adversarial version of one image (brought to the model's input size) and writes it as PNG.",
            "ATTACK as in 'sieve eval defense': fgsm, ga, igsm, pgd, deepfool, jsma, lbfgs, cw with KEY=VALUE options, " +
            "e.g. pgd:linf=8/255,steps=20 or cw:iterations=500. With --defense the attack is adaptive (BPDA, EOT over " +
            "--eot draws). Defense stages as in 'sieve defend' (deflect, wavelet, jpeg, bitdepth, median, nlmeans, resizepad, " +
            "tvm, bilateral, anisotropic, deconv, quilting, msroi-jpeg, aug-msroi-jpeg; deflect:map=rcam uses the attacked model's R-CAM). Prints the class before and after and the perturbation (RMSE and Linf on [0,1] samples)."},
        footer = {"", "Example: sieve attack shirt.png -o adv.png --attack deepfool --label 6"})
public final class AttackCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOptions modelOptions;

    @Parameters(index = "0", paramLabel = "IN", description = "Image to attack; - for standard input.")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.png", description = "Adversarial image (8-bit PNG); - for standard output.")
    Path output;

    @Option(names = {"-a", "--attack"}, paramLabel = "ATTACK", defaultValue = "pgd:linf=0.03",
            description = "Attack spec (default: ${DEFAULT-VALUE}).")
    String attack;

    @Option(names = "--budget", paramLabel = "B", defaultValue = "minimal", description = "minimal, l2=R or linf=E when the attack names none (default: ${DEFAULT-VALUE}).")
    String budget;

    @Option(names = "--label", paramLabel = "CLASS", description = "True class (index or name); default: the model's prediction.")
    String label;

    @Option(names = "--target", paramLabel = "CLASS", description = "Targeted attack toward this class (index or name).")
    String target;

    @Option(names = "--defense", paramLabel = "SPEC", description = "Attack through this defense pipeline (BPDA).")
    String defense;

    @Option(names = "--eot", paramLabel = "N", defaultValue = "1", description = "EOT draws of the defense per gradient (default: ${DEFAULT-VALUE}).")
    int eot;

    @Mixin
    FloatSamplesOption floatSamples;

    @Mixin
    SeedOption seed;

    @Override
    public Integer call() throws Exception {
        ImageOutput.check(output, input);
        AttackSpec attackSpec = UsageError.fromOptions(() -> AttackSpec.parse(attack));
        Budget runBudget = budget.strip().equalsIgnoreCase("minimal") ? null : UsageError.fromOptions(() -> Budget.parse(budget));
        modelOptions.useAlignedKernels(defense);
        try (DjlClassifier model = modelOptions.open()) {
            DefensePipeline pipeline = defense == null ? null : UsageError.fromOptions(() -> Defenses.registry(model).parse(defense));
            Integer y = label == null ? null : UsageError.fromOptions(() -> model.classIndex(label));
            Integer t = target == null ? null : UsageError.fromOptions(() -> model.classIndex(target));
            ImageAttack.Outcome r = ImageAttack.run(model, ImageInput.read(input), new ImageAttack.Settings(attackSpec, runBudget, pipeline, eot,
                    floatSamples.on, seed.value), y, t);
            ImageOutput.write(r.adversarial(), output);
            PrintWriter out = ImageOutput.reportStream(spec.commandLine(), output);
            out.printf(Locale.ROOT, "%s: %s → %s (%s), RMSE %.4f, Linf %.4f, %s%n", output, model.classes().get(r.before()),
                    model.classes().get(r.after()), r.success() ? "success" : "failed", r.l2(), r.linf(), r.spec());
            out.flush();
        }
        return 0;
    }
}
