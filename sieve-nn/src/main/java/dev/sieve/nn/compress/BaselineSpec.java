package dev.sieve.nn.compress;

import dev.sieve.jpeg.eval.ExternalEncoder;
import dev.sieve.jpeg.eval.RateDistortionEvaluation;
import dev.sieve.jpeg.eval.SemanticComparison;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The rate–distortion comparison against external encoders as plain values, so it can travel (to Spark
 * executors) and be rebuilt there: encoder specs {@code NAME=COMMAND} ({@link ExternalEncoder#parse}), the
 * quality sweep (null: {@link RateDistortionEvaluation#DEFAULT_SWEEP}) and the time limit of one encode.
 *
 * @param baselines      one spec per external encoder, at least one
 * @param sweep          qualities 1–100, or null
 * @param timeoutSeconds time limit of one baseline encode, (0, 86400] seconds
 */
public record BaselineSpec(List<String> baselines, List<Double> sweep, double timeoutSeconds) implements Serializable {
    public BaselineSpec {
        if (baselines == null || baselines.isEmpty()) {
            throw new IllegalArgumentException("baseline: give at least one external encoder");
        }
        if (!(timeoutSeconds > 0 && timeoutSeconds <= 86400)) {
            throw new IllegalArgumentException("baseline-timeout: must be in (0, 86400] seconds, got " + timeoutSeconds);
        }
        baselines = List.copyOf(baselines);
        sweep = sweep == null ? null : List.copyOf(sweep);
    }

    /**
     * The protocol ({@link CompressionEvaluation#rateDistortion}); a bad spec is an {@link IllegalArgumentException}
     * whose message starts with the setting at fault ({@code baseline:} or {@code sweep:}).
     */
    public RateDistortionEvaluation protocol(SemanticComparison.Config c) {
        List<ExternalEncoder> encoders = new ArrayList<>();
        Duration limit = Duration.ofMillis(Math.max(1, Math.round(timeoutSeconds * 1000)));
        for (String b : baselines) {
            try {
                encoders.add(ExternalEncoder.parse(b).withTimeout(limit));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("baseline: " + e.getMessage(), e);
            }
        }
        try {
            return CompressionEvaluation.rateDistortion(c, sweep, encoders);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException((e.getMessage().startsWith("the baseline name") ? "baseline: " : "sweep: ")
                    + e.getMessage(), e);
        }
    }
}
