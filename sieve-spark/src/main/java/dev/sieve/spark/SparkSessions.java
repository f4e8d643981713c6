package dev.sieve.spark;

import org.apache.spark.sql.SparkSession;

/** The Spark session of a Sieve job. */
public final class SparkSessions {
    /**
     * Logger levels (slf4j-simple, set before Spark creates its loggers) unless the user chose one: warnings, and
     * errors only for the start-up notes on the host's address and Hadoop's optional native library.
     */
    private static final String[][] LOG_LEVELS = {{"org.apache.spark", "warn"}, {"org.apache.hadoop", "warn"},
        {"org.apache.parquet", "warn"}, {"org.sparkproject", "warn"}, {"org.apache.spark.util.Utils", "error"},
        {"org.apache.hadoop.util.NativeCodeLoader", "error"}};

    private SparkSessions() {
    }

    /**
     * A session named {@code app} on {@code master} (e.g. {@code local[2]}, {@code spark://host:7077}); with a
     * null master, the one spark-submit set ({@code spark.master}), else {@code local[*]}. Local sessions run
     * without the web UI; Spark, Hadoop and Parquet log only warnings.
     */
    public static SparkSession start(String app, String master) {
        for (String[] level : LOG_LEVELS) {
            String key = "org.slf4j.simpleLogger.log." + level[0];
            if (System.getProperty(key) == null) {
                System.setProperty(key, level[1]);
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
