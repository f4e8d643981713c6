package dev.sieve.cli;

import picocli.CommandLine.Command;

/** Parent of the evaluation commands; each writes a machine-readable report. */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = "Evaluations that print a JSON report with their parameters and data identity.",
        subcommands = {EvalClassifyCommand.class, EvalReprCommand.class})
public final class EvalCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
