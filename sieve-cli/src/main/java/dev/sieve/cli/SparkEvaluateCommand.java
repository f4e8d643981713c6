package dev.sieve.cli;

import dev.sieve.jpeg.eval.SemanticComparison;
import dev.sieve.nn.saliency.SaliencyRecipe;
import dev.sieve.spark.EvaluateJob;
import dev.sieve.spark.SparkSessions;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code sieve spark evaluate}: the Table 2.1 protocol of {@code sieve eval compression} over a corpus, on Spark. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Semantic vs plain JPEG over every image under IN (searched recursively), on Spark: the protocol of sieve eval"
                    + " compression (thesis Table 2.1): per image, plain JPEG at --match-quality, then each of --modes at the same"
                    + " size (within 1 %%), all seven metrics against the original, bytes and encode time.",
            "",
            "Writes OUT/results.parquet/ and OUT/results.csv/ (one CSV file; one row per image and method: the columns of"
                    + " eval compression's results.csv, the map's source and an error column; an image that cannot be read is one"
                    + " row with its error) and OUT/summary.json (parameters, counts, means per method in Table 2.1 layout).",
            "",
            "Saliency: the map --saliency computes for each image (default: MS-ROI of the built-in msroi-scenes model), loaded"
                    + " once per executor JVM. Not here (use sieve eval compression): --map-dir, crops, plots.",
            "",
            "With --baseline, also the rate-distortion comparison of sieve eval compression over the corpus: a second pass"
                    + " runs plain JPEG, each mode and each baseline at every --sweep quality on every image (the baselines run on"
                    + " the executors, so their commands must exist there) and writes OUT/rd_points.parquet/, OUT/rd.csv,"
                    + " OUT/bd.csv, OUT/equal_bytes.csv and rate_distortion in summary.json: BD-rates per image and their means,"
                    + " and the equal-bytes differences. An image a baseline fails on is left out of them and named in"
                    + " rate_distortion_failed.",
            ""
        },
        footer = {"", "Examples:", "  sieve spark evaluate photos/ --out-dir report/ --master local[2] --modes direct --tune psnr",
            "  sieve spark evaluate photos/ --out-dir report/ --master local[2] --baseline 'cjpeg=cjpeg -optimize -quality {q}'"})
public final class SparkEvaluateCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    SparkJobOptions job;

    @Mixin
    ComparisonOptions comparison;

    @Mixin
    SaliencyOptions saliencyOptions;

    @Mixin
    BaselineOptions baselines;

    @Override
    public Integer call() throws Exception {
        SemanticComparison.Config c = comparison.config();
        SaliencyRecipe recipe = saliencyOptions.recipe();
        baselines.protocol(c);
        SparkCommand.requireSpark();
        SparkSession spark = SparkSessions.start("sieve spark evaluate", job.master);
        EvaluateJob.Summary s;
        try {
            s = EvaluateJob.run(spark, new EvaluateJob.Config(job.input, job.output, job.glob, c, recipe, saliencyOptions.model,
                    baselines.spec()));
        } finally {
            spark.stop();
        }
        PrintWriter pw = spec.commandLine().getOut();
        CompressionTables.means(pw, c.methods(), s.means(), (int) (s.images() - s.failed()), c.channels(), job.output);
        pw.printf(Locale.ROOT, "%d images, %d failed%s; %.1f s on %s%n", s.images(), s.failed(),
                s.failed() > 0 ? " (their rows in " + job.output + "/results.csv say why)" : "", s.seconds(), spark.sparkContext().master());
        if (s.rd() != null) {
            CompressionTables.rateDistortion(pw, s.rd());
            if (!s.rdFailed().isEmpty()) {
                pw.printf(Locale.ROOT, "rate-distortion: %d images left out (rate_distortion_failed in %s/summary.json says why)%n",
                        s.rdFailed().size(), job.output);
            }
        }
        pw.flush();
        return 0;
    }
}
