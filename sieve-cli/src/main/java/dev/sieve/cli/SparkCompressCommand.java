package dev.sieve.cli;

import dev.sieve.jpeg.semantic.SemanticOptions;
import dev.sieve.nn.saliency.SaliencyRecipe;
import dev.sieve.spark.CompressJob;
import dev.sieve.spark.SparkSessions;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sieve spark compress}: {@code sieve compress} over every image under a folder, on Spark. */
@Command(
        name = "compress",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Semantic JPEG of every image under IN (searched recursively), on Spark: each image is compressed exactly as"
                    + " sieve compress does with the same options (same bytes) and written to OUT at its relative path with"
                    + " extension .jpg (a/b/photo.png -> OUT/a/b/photo.jpg).",
            "",
            "The manifest, one row per input, goes to OUT/manifest.parquet/ and OUT/manifest.csv/ (one CSV file, sorted by"
                    + " path): path, output, input_bytes, width, height, bytes, reference_bytes, target_bytes, size_deviation,"
                    + " within_tolerance, mode, tune, final_quality, lambda_scale, saliency_weight, shift, block_method, encodes,"
                    + " saliency, time_ms, error. An image that cannot be read or compressed is a row with its error; the job"
                    + " still succeeds.",
            "",
            "Each executor JVM loads the saliency model once; libtorch gets spark.task.cpus threads per task (default 1), so"
                    + " N task slots use N cores (sieve.threads / SIEVE_THREADS override it). IN and OUT may be local paths or"
                    + " Hadoop URIs (hdfs://, s3a://); OUT must not exist or be empty, and must not lie inside IN.",
            ""
        },
        footer = {"", "Example: sieve spark compress photos/ --out-dir photos-sieve/ --master local[2] --tune psnr"})
public final class SparkCompressCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    SparkJobOptions job;

    @Mixin
    CompressOptions compressOptions;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws Exception {
        SemanticOptions options = compressOptions.semanticOptions();
        SaliencyRecipe recipe = compressOptions.saliencyOptions.recipe();
        SparkCommand.requireSpark();
        SparkSession spark = SparkSessions.start("sieve spark compress", job.master);
        CompressJob.Summary s;
        try {
            s = CompressJob.run(spark, new CompressJob.Config(job.input, job.output, job.glob, options, recipe,
                    compressOptions.saliencyOptions.model));
        } finally {
            spark.stop();
        }
        Map<String, Object> m = Json.document("spark.compress");
        m.put("input", job.input);
        m.put("output", job.output);
        m.put("master", spark.sparkContext().master());
        m.put("images", s.images());
        m.put("compressed", s.images() - s.failed());
        m.put("failed", s.failed());
        m.put("input_bytes", s.inputBytes());
        m.put("output_bytes", s.outputBytes());
        m.put("seconds", Math.round(s.seconds() * 100) / 100.0);
        m.put("images_per_second", Math.round(s.imagesPerSecond() * 1000) / 1000.0);
        PrintWriter pw = spec.commandLine().getOut();
        if (json.json) {
            pw.println(Json.write(m));
        } else {
            pw.printf(Locale.ROOT, "%s -> %s on %s: %d images, %d compressed, %d failed%s%n", job.input, job.output, m.get("master"), s.images(),
                    s.images() - s.failed(), s.failed(), s.failed() > 0 ? " (their rows in " + job.output + "/manifest.csv say why)" : "");
            pw.printf(Locale.ROOT, "%.2f MB in, %.2f MB out; %.1f s, %.2f images/s%n", s.inputBytes() / 1e6, s.outputBytes() / 1e6,
                    s.seconds(), s.imagesPerSecond());
        }
        pw.flush();
        return 0;
    }
}
