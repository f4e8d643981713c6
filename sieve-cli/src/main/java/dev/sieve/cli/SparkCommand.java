package dev.sieve.cli;

import picocli.CommandLine.Command;

/** Parent of the Spark jobs: corpus-scale compression and evaluation (sieve-spark). */
@Command(
        name = "spark",
        mixinStandardHelpOptions = true,
        description = {"Corpus-scale jobs on Apache Spark: the same work as sieve compress over every image under a folder,"
                + " in parallel on a local master (--master local[N]) or a cluster (spark-submit --class dev.sieve.cli.Sieve"
                + " sieve.jar spark ...; see the README).",
            "./sieve puts Spark's jars (sieve-spark/target/spark.classpath) and the Java 17 options Spark needs"
                + " (sieve-spark/java-options) on this command's JVM only."},
        subcommands = {SparkCompressCommand.class, SparkEvaluateCommand.class})
public final class SparkCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Fails with one line unless Spark's classes are on the classpath (plain {@code java -jar sieve.jar} has none). */
    static void requireSpark() {
        try {
            Class.forName("org.apache.spark.sql.SparkSession", false, SparkCommand.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Apache Spark is not on the classpath: run './sieve spark ...' (it adds Spark's jars)"
                    + " or submit sieve.jar with spark-submit");
        }
    }
}
