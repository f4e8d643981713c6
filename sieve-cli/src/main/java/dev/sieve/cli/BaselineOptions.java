package dev.sieve.cli;

import dev.sieve.jpeg.eval.ExternalEncoder;
import dev.sieve.jpeg.eval.RateDistortionEvaluation;
import dev.sieve.jpeg.eval.SemanticComparison;
import dev.sieve.nn.compress.CompressionEvaluation;
import java.io.IOException;
import java.time.Duration;
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

    /** The rate-distortion protocol of these options, or null without any --baseline; usage errors exit 2. */
    RateDistortionEvaluation protocol(SemanticComparison.Config c) throws IOException {
        if (specs.isEmpty()) {
            if (sweep != null) {
                throw new UsageError("--sweep needs at least one --baseline");
            }
            return null;
        }
        if (!(timeout > 0 && timeout <= 86400)) {
            throw new UsageError("--baseline-timeout must be in (0, 86400] seconds, got " + timeout);
        }
        List<ExternalEncoder> baselines = new ArrayList<>();
        for (String b : specs) {
            baselines.add(UsageError.fromOptions(() -> {
                try {
                    return ExternalEncoder.parse(b).withTimeout(Duration.ofMillis(Math.max(1, Math.round(timeout * 1000))));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--baseline: " + e.getMessage(), e);
                }
            }));
        }
        try {
            return CompressionEvaluation.rateDistortion(c, sweep, baselines);
        } catch (IllegalArgumentException e) {
            throw new UsageError((e.getMessage().startsWith("the baseline name") ? "--baseline: " : "--sweep: ") + e.getMessage());
        }
    }
}
