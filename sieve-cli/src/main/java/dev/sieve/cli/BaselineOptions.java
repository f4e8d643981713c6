package dev.sieve.cli;

import dev.sieve.jpeg.eval.RateDistortionEvaluation;
import dev.sieve.jpeg.eval.SemanticComparison;
import dev.sieve.nn.compress.BaselineSpec;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** External encoders to compare with ({@code eval compression --baseline}): the rate–distortion protocol's options. */
final class BaselineOptions {
    @Option(names = "--baseline", paramLabel = "NAME=COMMAND",
            description = {"An external JPEG encoder to compare with (repeatable); turns on the rate-distortion report.",
                "COMMAND is split like a shell would (quotes, backslash; no shell runs) and must contain {q}, the quality."
                        + " The image goes to its standard input as binary PPM (PGM for grayscale) and the JPEG is read"
                        + " from its standard output, unless COMMAND names temporary files with {in} and {out}."})
    List<String> specs = new ArrayList<>();

    @Option(names = "--sweep", paramLabel = "Q", split = ",",
            description = "Qualities of the rate-distortion sweep, 1-100 (default: 30,40,50,60,70,80,90); --match-quality"
                    + " is added when missing. Needs --baseline.")
    List<Double> sweep;

    @Option(names = "--baseline-timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "Time limit of one baseline encode (default: ${DEFAULT-VALUE}).")
    double timeout;

    /** The rate-distortion comparison of these options, or null without any --baseline; usage errors exit 2. */
    BaselineSpec spec() {
        if (specs.isEmpty()) {
            if (sweep != null) {
                throw new UsageError("--sweep needs at least one --baseline");
            }
            return null;
        }
        try {
            return new BaselineSpec(specs, sweep, timeout);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--" + e.getMessage());
        }
    }

    /** The rate-distortion protocol of these options, or null without any --baseline; usage errors exit 2. */
    RateDistortionEvaluation protocol(SemanticComparison.Config c) {
        BaselineSpec s = spec();
        if (s == null) {
            return null;
        }
        try {
            return s.protocol(c);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--" + e.getMessage());
        }
    }
}
