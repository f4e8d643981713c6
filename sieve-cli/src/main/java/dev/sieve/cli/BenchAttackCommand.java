package dev.sieve.cli;

import dev.sieve.adversarial.attack.Budget;
import dev.sieve.adversarial.attack.BudgetedAttack;
import dev.sieve.adversarial.attack.Pgd;
import dev.sieve.image.Planar;
import dev.sieve.nn.data.Normalization;
import dev.sieve.nn.model.ClassifierLoss;
import dev.sieve.nn.model.InputSpec;
import dev.sieve.nn.model.ModelInfo;
import dev.sieve.nn.model.SieveModel;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sieve bench attack}: PGD-10 throughput against the cost of its parts, one forward +
 * backward pass of the model (the baseline), measured in the same run on the same batch.
 */
@Command(
        name = "attack",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"PGD-10 throughput against plain input-gradient passes of the same model.",
            "",
            "PGD-10 (Linf 8/255, every image for all 10 steps) throughput in images/s on a freshly initialized model and random 28x28 gray images, " +
            "against plain forward + backward input-gradient passes on the same batch; best of --rounds after one warm-up.",
            "PGD-10 costs 10 gradient passes and 1 forward pass, so its ideal rate is about a tenth of the baseline's."})
public final class BenchAttackCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ArchOption architecture;

    @Mixin
    AttackBatchOption attackBatch;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "3", description = "Timed rounds (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Override
    public Integer call() {
        int batch = attackBatch.size;
        String arch = architecture.name;
        if (batch < 1 || rounds < 1) {
            throw new UsageError("--batch and --rounds must be ≥ 1");
        }
        List<String> classes = IntStream.range(0, 10).mapToObj(i -> "class" + i).toList();
        ModelInfo info = new ModelInfo(arch, classes, new InputSpec(1, 28, 28, new Normalization(new float[] {0.5f}, new float[] {0.25f})), "benchmark");
        SplittableRandom rnd = new SplittableRandom(1);
        List<Planar> images = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            float[] p = new float[28 * 28];
            for (int j = 0; j < p.length; j++) {
                p[j] = (float) (255 * rnd.nextDouble());
            }
            images.add(new Planar(28, 28, p));
        }
        int[] labels = rnd.ints(batch, 0, 10).toArray();
        try (SieveModel model = SieveModel.create(info, 1); me.tongfei.progressbar.ProgressBar bar = Progress.bar("bench attack", rounds + 1)) {
            BudgetedAttack pgd = new Pgd(model, Budget.linf(8 / 255.0), 10).runAllSteps();
            double gradient = Double.MAX_VALUE, attack = Double.MAX_VALUE;
            for (int r = 0; r <= rounds; r++) {
                long t0 = System.nanoTime();
                model.inputGradient(images, labels, ClassifierLoss.CROSS_ENTROPY);
                long t1 = System.nanoTime();
                pgd.run(images, labels, r);
                long t2 = System.nanoTime();
                bar.step();
                if (r > 0) {
                    gradient = Math.min(gradient, (t1 - t0) / 1e9);
                    attack = Math.min(attack, (t2 - t1) / 1e9);
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "%s, batch %d, best of %d rounds%n", arch, batch, rounds);
            out.printf(Locale.ROOT, "  forward+backward (input gradient)  %9.1f img/s%n", batch / gradient);
            out.printf(Locale.ROOT, "  PGD-10                             %9.1f img/s  (%.1f gradient passes' time per image; ideal 10 + 1 forward)%n",
                    batch / attack, attack / gradient);
            out.flush();
        }
        return 0;
    }
}
