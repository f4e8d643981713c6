package dev.sieve.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The input, output and Spark master of the {@code sieve spark} jobs. */
final class SparkJobOptions {
    @Parameters(index = "0", paramLabel = "IN",
            description = "Folder of images (PNG, JPEG, BMP, GIF, TIFF), read recursively; a local path or a Hadoop URI (hdfs://, s3a://).")
    String input;

    @Option(names = {"-d", "--out-dir"}, required = true, paramLabel = "OUT",
            description = "Output folder, created; must not exist or be empty, and must not lie inside IN; a local path or a Hadoop URI.")
    String output;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master: local[N] (N task slots in this JVM), local[*], spark://HOST:PORT ... (default: the one spark-submit"
                    + " set, else local[*]).")
    String master;

    @Option(names = "--glob", paramLabel = "PATTERN",
            description = "File names to read, a Hadoop glob (default: the image extensions, e.g. '*.{png,PNG,jpg,JPG,...}').")
    String glob;
}
