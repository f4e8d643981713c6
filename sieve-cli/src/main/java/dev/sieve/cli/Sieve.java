package dev.sieve.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sieve} command: entry point of every capability. */
@Command(
        name = "sieve",
        mixinStandardHelpOptions = true,
        versionProvider = Sieve.Version.class,
        description = {
            "Sieve: semantic JPEG compression, adversarial-input defenses and RePr training,",
            "after the thesis in shared/thesis. Run 'sieve COMMAND --help' for each command."
        },
        subcommands = {
            CompressCommand.class,
            BenchCommand.class,
            MetricsCommand.class,
            EvalCommand.class,
            DeflectCommand.class,
            DenoiseCommand.class,
            DefendCommand.class,
            TrainCommand.class,
            ClassifyCommand.class,
            SaliencyCommand.class,
            ImportCommand.class,
            AttackCommand.class,
            ScenesCommand.class,
            DoctorCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Sieve implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests run commands through it in-process. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Sieve());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler(Sieve::reportFailure);
        cl.setParameterExceptionHandler(Sieve::reportUsageError);
        return cl;
    }

    /** Bad input and failed I/O become one line on stderr and exit code 1, never a stack trace. */
    private static int reportFailure(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        Throwable t = e instanceof UncheckedIOException u ? u.getCause() : e;
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        if (!(t instanceof IOException || t instanceof IllegalArgumentException || t instanceof IllegalStateException)) {
            msg = t.getClass().getSimpleName() + ": " + msg;
        }
        err.println(cl.getCommandSpec().qualifiedName() + ": " + msg.replace('\n', ' ').strip());
        if (System.getenv("SIEVE_DEBUG") != null) {
            t.printStackTrace(err);
        }
        err.flush();
        return 1;
    }

    /** A wrong option or argument: one line naming it and where to read help, exit code 2. */
    private static int reportUsageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        String path = cl.getCommandSpec().qualifiedName();
        cl.getErr().println(path + ": " + e.getMessage().replace('\n', ' ').strip() + " (see '" + path + " --help')");
        cl.getErr().flush();
        return 2;
    }

    /** Version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Sieve.class.getPackage().getImplementationVersion();
            return new String[] {"sieve " + (v == null ? "dev" : v) + " (Java " + Runtime.version() + ")"};
        }
    }
}
