package dev.sieve.spark;

import org.apache.spark.sql.SparkSession;

/** One {@code local[2]} session for all the module's tests (Spark stops it at JVM exit). */
final class LocalSpark {
    private static SparkSession session;

    private LocalSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSessions.start("sieve-spark-test", "local[2]");
        }
        return session;
    }
}
