package dev.sieve.cli;

import picocli.CommandLine.Command;

/** Parent of the evaluation commands; each writes a report folder (JSON, CSV, PNG plots). */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = {"Evaluations that reproduce the thesis' tables and figures.", "",
            "Each writes a machine-readable report with its parameters and data identity (JSON; report folders add CSV and PNG plots)."},
        subcommands = {EvalCompressionCommand.class, EvalClassifyCommand.class})
public final class EvalCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
