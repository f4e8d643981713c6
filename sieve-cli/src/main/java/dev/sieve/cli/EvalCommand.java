package dev.sieve.cli;

import picocli.CommandLine.Command;

/** Parent of the evaluation commands; each writes a report folder (JSON, CSV, PNG plots). */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = "Evaluations that reproduce the thesis' tables; each writes a machine-readable report (JSON; CSV and PNG plots where a table is reproduced).",
        subcommands = {EvalCompressionCommand.class, EvalClassifyCommand.class, EvalDefenseCommand.class, EvalReprCommand.class,
            EvalMsroiCommand.class, EvalSaliencyCommand.class})
public final class EvalCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
