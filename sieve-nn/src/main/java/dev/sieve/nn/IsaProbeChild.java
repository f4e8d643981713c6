package dev.sieve.nn;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Run by {@link IsaProbe} in a child JVM whose {@code ONEDNN_MAX_CPU_ISA} names the ISA to check
 * (oneDNN reads it once per process): runs {@link ConvolutionSelfCheck} with 2 intra-op threads, then
 * with 1, and prints {@code SELF-CHECK PASS}; when it fails, checks the aligned shapes alone the same way and
 * prints {@code SELF-CHECK ALIGNED <first wrong value>} if they pass, else {@code SELF-CHECK FAIL <first wrong value>}.
 */
public final class IsaProbeChild {
    /** The line prefix {@link IsaProbe} reads. */
    static final String VERDICT = "SELF-CHECK ";

    private IsaProbeChild() {
    }

    public static void main(String[] args) {
        System.setProperty("sieve.threads", "2");
        Engine engine = NnRuntime.start();
        String wrong = firstWrong(() -> ConvolutionSelfCheck.run(engine));
        if (wrong == null) {
            System.out.println(VERDICT + "PASS");
        } else {
            System.out.println(VERDICT + (firstWrong(() -> ConvolutionSelfCheck.runAligned(engine)) == null ? "ALIGNED " : "FAIL ") + wrong);
        }
    }

    /** Runs {@code check} with 2 then 1 intra-op threads; the first wrong value and the threads, or null when right. */
    private static String firstWrong(Runnable check) {
        for (int threads : new int[] {2, 1}) {
            JniUtils.setNumThreads(threads);
            try {
                check.run();
            } catch (IllegalStateException wrong) {
                return wrong.getMessage().replaceFirst(";.*", "") + " with " + threads + " thread" + (threads > 1 ? "s" : "");
            }
        }
        return null;
    }
}
