package dev.sieve.nn;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Run by {@link IsaProbe} in a child JVM whose {@code ONEDNN_MAX_CPU_ISA} names the ISA to check
 * (oneDNN reads it once per process): runs {@link ConvolutionSelfCheck} with 2 intra-op threads, then
 * with 1, and prints {@code SELF-CHECK PASS} or {@code SELF-CHECK FAIL <first wrong value>}.
 */
public final class IsaProbeChild {
    /** The line prefix {@link IsaProbe} reads. */
    static final String VERDICT = "SELF-CHECK ";

    private IsaProbeChild() {
    }

    public static void main(String[] args) {
        System.setProperty("sieve.threads", "2");
        Engine engine = NnRuntime.start();
        String verdict = "PASS";
        for (int threads : new int[] {2, 1}) {
            JniUtils.setNumThreads(threads);
            try {
                ConvolutionSelfCheck.run(engine);
            } catch (IllegalStateException wrong) {
                verdict = "FAIL " + wrong.getMessage().replaceFirst(";.*", "") + " with " + threads + " thread" + (threads > 1 ? "s" : "");
                break;
            }
        }
        System.out.println(VERDICT + verdict);
    }
}
