package dev.sieve.spark;

import org.apache.spark.sql.SparkSession;

/** The Spark session of a Sieve job. */
public final class SparkSessions {
    /** Loggers kept at warnings (slf4j-simple, set before Spark creates them) unless the user chose a level. */
    private static final String[] QUIET_LOGGERS = {"org.apache.spark", "org.apache.hadoop", "org.apache.parquet", "org.sparkproject"};

    private SparkSessions() {
    }

    /**
     * A session named {@code app} on {@code master} (e.g. {@code local[2]}, {@code spark://host:7077}); with a
     * null master, the one spark-submit set ({@code spark.master}), else {@code local[*]}. Local sessions run
     * without the web UI; Spark, Hadoop and Parquet log only warnings.
     */
    public static SparkSession start(String app, String master) {
        for (String quiet : QUIET_LOGGERS) {
            String key = "org.slf4j.simpleLogger.log." + quiet;
            if (System.getProperty(key) == null) {
                System.setProperty(key, "warn");
            }
        }
        String m = master != null ? master : System.getProperty("spark.master", "local[*]");
        SparkSession.Builder b = SparkSession.builder().appName(app).master(m);
        if (m.startsWith("local") && System.getProperty("spark.ui.enabled") == null) {
            b.config("spark.ui.enabled", "false");
        }
        return b.getOrCreate();
    }
}
