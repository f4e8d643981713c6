package dev.sieve.nn;

/**
 * The convolution self-check's verdict on one oneDNN ISA cap: {@code detail} is oneDNN's own name of
 * the kernels it ran (PASS), the first wrong value or the child's failure (FAIL), or why it was not run.
 */
public record IsaCheck(OneDnnIsa isa, Outcome outcome, String detail) {
    /** What happened to the ISA. */
    public enum Outcome {
        /** Outputs, input and weight gradients exact with 1 and 2 threads. */
        PASS,
        /** Exact as PASS for aligned input channels only ({@link ConvolutionAlignment}); {@code detail} names the first wrong value of the others. */
        ALIGNED,
        /** Some value wrong, or the check's process failed. */
        FAIL,
        /** The CPU lacks the instructions. */
        UNSUPPORTED,
        /** Not run: a faster ISA passed. */
        NOT_CHECKED
    }

    public IsaCheck {
        detail = detail == null ? "" : detail.replaceAll("[\\r\\n]+", " ").trim();
    }
}
