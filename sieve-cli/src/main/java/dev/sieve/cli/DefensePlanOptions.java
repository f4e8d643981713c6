package dev.sieve.cli;

import dev.sieve.adversarial.eval.DefenseSweep;
import dev.sieve.adversarial.eval.Preset;
import picocli.CommandLine.Option;

/** What {@code sieve eval defense} runs: the thesis table, attacks, defenses, ensemble and budgets, parsed into a {@link DefenseSweep.Plan}. */
final class DefensePlanOptions {
    @Option(names = "--preset", paramLabel = "TABLE", description = "Thesis layout: table3.1, table4.1, table4.6, table4.7, table4.8, table4.9, table4.10, table4.11.")
    String preset;

    @Option(names = "--attacks", paramLabel = "LIST", description = "Attacks (default: the preset's, else " + DefenseSweep.DEFAULT_ATTACKS + ").")
    String attacks;

    @Option(names = "--defenses", paramLabel = "LIST", description = "Defenses (default: the preset's, else none and the thesis' PD + wavelet).")
    String defenses;

    @Option(names = "--ensemble", paramLabel = "N", description = "Runs of each defense for the majority vote (default: the preset's, else 10).")
    Integer ensemble;

    @Option(names = "--budget", paramLabel = "B",
            description = "minimal (smallest successful perturbation, Foolbox 1.x style), l2=R or linf=E (fixed, e.g. linf=4/255)"
                    + " (default: the preset's, l2=0.02 for table3.1, else minimal).")
    String budget;

    @Option(names = "--budgets", paramLabel = "B;B;...",
            description = "Sweep fixed budgets, ';'-separated, one norm, e.g. 'linf=1/255;linf=4/255;linf=16/255' (instead of --budget).")
    String budgets;

    @Option(names = "--quality", description = "Also report MSE, SSIM and PSNR of each defended image against the clean image (on with table3.1).")
    boolean quality;

    @Option(names = "--adaptive", paramLabel = "N", defaultValue = "0",
            description = "Also run each attack adaptively: BPDA through every defense with EOT over N draws (0 = off; default: ${DEFAULT-VALUE}).")
    int adaptive;

    /** The plan of these options; a bad value is a {@link UsageError}. */
    DefenseSweep.Plan plan() throws java.io.IOException {
        Preset p = preset == null ? null : UsageError.fromOptions(() -> Preset.parse(preset));
        if (adaptive < 0) {
            throw new UsageError("--adaptive must be ≥ 0, got " + adaptive);
        }
        if (budget != null && budgets != null) {
            throw new UsageError("give --budget or --budgets, not both");
        }
        return UsageError.fromOptions(() -> DefenseSweep.plan(p, attacks, defenses, ensemble, budget, budgets, adaptive, quality));
    }
}
