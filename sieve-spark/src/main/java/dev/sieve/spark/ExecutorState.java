package dev.sieve.spark;

import dev.sieve.nn.compress.SemanticCompressor;
import dev.sieve.nn.saliency.SaliencyModels;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one executor JVM creates once and every task reuses: libtorch's intra-op threads pinned to the
 * task's CPUs ({@code spark.task.cpus}, default 1, so an executor's cores × threads never exceed its
 * cores), the saliency models ({@link SaliencyModels}: each loaded once per JVM, passes serialized on the model) and
 * one compressor per job configuration.
 */
final class ExecutorState {
    private static final Map<CompressJob.Config, SemanticCompressor> COMPRESSORS = new ConcurrentHashMap<>();

    private ExecutorState() {
    }

    /**
     * Sets libtorch's thread count ({@code sieve.threads}, read when the engine first starts in this
     * JVM) to {@code taskCpus} unless the user set it ({@code -Dsieve.threads} or {@code SIEVE_THREADS}).
     */
    static synchronized void pinThreads(int taskCpus) {
        if (System.getProperty("sieve.threads") == null && System.getenv("SIEVE_THREADS") == null) {
            System.setProperty("sieve.threads", Integer.toString(Math.max(1, taskCpus)));
        }
    }

    /** The compressor of {@code c}, created on this JVM's first task of the job. */
    static SemanticCompressor compressor(CompressJob.Config c) {
        return COMPRESSORS.computeIfAbsent(c, k -> new SemanticCompressor(k.options(), k.recipe(), k.model(), SaliencyModels::open));
    }
}
