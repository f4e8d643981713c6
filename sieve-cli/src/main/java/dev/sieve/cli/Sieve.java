package dev.sieve.cli;

import dev.sieve.image.io.ImageReadOptions;
import dev.sieve.jpeg.BlockQuality;
import dev.sieve.jpeg.Subsampling;
import dev.sieve.jpeg.Tune;
import dev.sieve.jpeg.semantic.SemanticMode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code sieve} command: entry point of every capability. */
@Command(
        name = "sieve",
        mixinStandardHelpOptions = true,
        versionProvider = Sieve.Version.class,
        description = {
            "Sieve: semantic JPEG compression, adversarial-input defenses and RePr training, after the " +
            "PhD thesis of Aaditya Prakash (Brandeis University, 2019). Run 'sieve COMMAND --help' for each command."
        },
        footer = {"",
            "Files: -o/--output FILE names a file a command writes ('-': standard output),",
            "-d/--out-dir DIR a folder (created if missing); '-' as an input image reads " +
            "standard input. Results go to standard output (to standard error when the " +
            "output itself goes there); progress bars to standard error, only on a terminal.",
            "",
            "Exit status: 0 success; 1 a runtime failure (unreadable input, failed write, a " +
            "failed file of a batch); 2 a usage error (unknown option, bad option value).",
            "Set SIEVE_DEBUG=1 for stack traces."},
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
            ServeCommand.class,
            SparkCommand.class,
            DoctorCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Sieve implements Runnable {
    /** Messages longer than this are cut, so hostile input cannot flood the terminal. */
    static final int MAX_MESSAGE = 400;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--max-pixels", paramLabel = "N", scope = ScopeType.INHERIT, defaultValue = "100000000",
            description = "Refuse input images whose header declares more than N pixels, before decoding them (default: ${DEFAULT-VALUE}).")
    void maxPixels(long n) {
        if (n < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-pixels must be at least 1, got " + n);
        }
        ImageReadOptions.setDefaults(ImageReadOptions.defaults().withMaxPixels(n));
    }

    @Option(names = "--lenient", scope = ScopeType.INHERIT, defaultValue = "false",
            description = "Accept truncated or corrupt image data (use what decodes) and the first frame of animations, instead of refusing them.")
    void lenient(boolean on) {
        ImageReadOptions.setDefaults(ImageReadOptions.defaults().withLenient(on));
    }

    @Option(names = "--progress", scope = ScopeType.INHERIT, defaultValue = "false",
            description = "Draw progress bars on stderr even when it is not a terminal (default: only on a terminal; SIEVE_PROGRESS=1|0 also decides).")
    void progress(boolean on) {
        Progress.force(on ? Boolean.TRUE : null, false);
    }

    @Option(names = "--no-progress", scope = ScopeType.INHERIT, defaultValue = "false", description = "Never draw progress bars.")
    void noProgress(boolean on) {
        Progress.force(on ? Boolean.FALSE : null, true);
    }

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, defaultValue = "false",
            description = "Print nothing but errors: no progress, result lines or warnings (output asked for, such as --json or a report to standard output, still comes).")
    void quiet(boolean on) {
        Progress.quiet(on);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        int code;
        try {
            code = commandLine().execute(args);
        } catch (Throwable t) {
            System.err.println("sieve: " + describe(t));
            if (System.getenv("SIEVE_DEBUG") != null) {
                t.printStackTrace();
            }
            code = 1;
        }
        System.exit(code);
    }

    /** One line for a failure that escaped a command: errors of the JVM (out of memory) included. */
    static String describe(Throwable t) {
        if (t instanceof OutOfMemoryError) {
            return "out of memory (" + t.getMessage() + "); give Java more with SIEVE_JAVA_OPTS=-Xmx16g or lower --max-pixels";
        }
        if (t instanceof StackOverflowError) {
            return "stack overflow (input nested too deeply)";
        }
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        if (!(t instanceof IOException || t instanceof IllegalArgumentException || t instanceof IllegalStateException)) {
            msg = t.getClass().getSimpleName() + ": " + msg;
        }
        return oneLine(msg);
    }

    /** {@code msg} on one line, cut to {@link #MAX_MESSAGE} characters. */
    static String oneLine(String msg) {
        String m = msg.replace('\n', ' ').strip();
        return m.length() <= MAX_MESSAGE ? m : m.substring(0, MAX_MESSAGE) + "…";
    }

    /** The configured command line; tests run commands through it in-process. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Sieve());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        parseWith(cl, SemanticMode.class, SemanticMode::parse);
        parseWith(cl, Tune.class, Tune::parse);
        parseWith(cl, dev.sieve.nn.msroi.RoiSelection.class, dev.sieve.nn.msroi.RoiSelection::parse);
        parseWith(cl, Subsampling.class, Subsampling::parse);
        parseWith(cl, BlockQuality.Method.class, BlockQuality.Method::parse);
        cl.setExecutionExceptionHandler(Sieve::reportFailure);
        cl.setParameterExceptionHandler(Sieve::reportUsageError);
        return cl;
    }

    /**
     * Options of type {@code type} are parsed by {@code parse}, for enums whose values are spelled
     * differently from their constants ({@code psnr-rgb}, {@code 420}); its message becomes picocli's
     * one-line "Invalid value" usage error, exit code 2. Other enums are parsed by picocli, in any case.
     */
    private static <T> void parseWith(CommandLine cl, Class<T> type, java.util.function.Function<String, T> parse) {
        cl.registerConverter(type, s -> {
            try {
                return parse.apply(s);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        });
    }

    /**
     * Bad input and failed I/O become one line on stderr and exit code 1, never a stack trace; a
     * {@link UsageError} is reported like a wrong option, exit code 2.
     */
    private static int reportFailure(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        Throwable t = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (t instanceof UsageError) {
            String path = cl.getCommandSpec().qualifiedName();
            err.println(path + ": " + FailureHints.add(describe(t)) + " (see '" + path + " --help')");
            err.flush();
            return 2;
        }
        err.println(cl.getCommandSpec().qualifiedName() + ": " + FailureHints.add(describe(t)));
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
        cl.getErr().println(path + ": " + oneLine(String.valueOf(e.getMessage())) + " (see '" + path + " --help')");
        cl.getErr().flush();
        return 2;
    }

    /** Version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {dev.sieve.nn.report.ReportJson.software()};
        }
    }
}
