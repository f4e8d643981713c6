package dev.sieve.spark;

import dev.sieve.image.Planar;
import dev.sieve.image.io.ImageReadOptions;
import dev.sieve.image.metrics.QualityReport;
import dev.sieve.image.saliency.SaliencyMap;
import dev.sieve.jpeg.eval.RateDistortionEvaluation;
import dev.sieve.jpeg.eval.RateDistortionEvaluation.ImageResult;
import dev.sieve.jpeg.eval.RateDistortionEvaluation.Subject;
import dev.sieve.jpeg.eval.RateDistortionReport;
import dev.sieve.jpeg.eval.SemanticComparison;
import dev.sieve.nn.compress.BaselineSpec;
import dev.sieve.nn.compress.CompressionEvaluation;
import dev.sieve.nn.compress.CompressionSummary;
import dev.sieve.nn.report.ReportJson;
import dev.sieve.nn.saliency.SaliencyModels;
import dev.sieve.nn.saliency.SaliencyRecipe;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The thesis' Table 2.1 over a corpus, on Spark: per image (read as {@link CompressJob} reads them) the
 * protocol of {@link SemanticComparison} with the map of a {@link SaliencyRecipe}; one row per image and
 * method ({@link #SCHEMA}) in {@code OUT/results.parquet/} and {@code OUT/results.csv/} (one CSV file, sorted by
 * image), and {@code OUT/summary.json} ({@link CompressionSummary}, the document of {@code sieve eval compression}):
 * parameters, counts and the means per method in Table 2.1 layout (a metric averaged over the images where it is defined). An
 * image that cannot be read is one row with its error.
 */
public final class EvaluateJob {
    /** One row per image and method: the columns of {@code sieve eval compression}'s results.csv, the map's source and the error. */
    public static final StructType SCHEMA = schema();

    private EvaluateJob() {
    }

    /**
     * @param input      the input folder (a local path or any Hadoop file system URI)
     * @param output     the report folder; must not exist or be empty, and must not be inside the input
     * @param glob       the file names read ({@link CorpusPaths#DEFAULT_GLOB} when null)
     * @param comparison the protocol's settings
     * @param recipe     how each image's saliency map is computed (it guides the modes and defines PSNR-S)
     * @param model      the saliency model: a built-in name, or a model file readable on every executor
     * @param baselines  external encoders for the rate–distortion comparison (BD-rates), or null for none
     */
    public record Config(String input, String output, String glob, SemanticComparison.Config comparison, SaliencyRecipe recipe,
            String model, BaselineSpec baselines) implements Serializable {
    }

    /**
     * @param images  inputs found
     * @param failed  inputs that could not be evaluated
     * @param means   per method (plain, then the modes), the means of summary.json
     * @param seconds wall time of the job
     * @param rd      the rate–distortion report over the images it could run on, or null without baselines
     * @param rdFailed images the rate–distortion pass could not run on (image → error)
     */
    public record Summary(long images, long failed, Map<String, Map<String, Object>> means, double seconds,
            RateDistortionReport rd, Map<String, String> rdFailed) {
    }

    /** Runs the job; an input or output folder that cannot be used is an {@link IllegalArgumentException}. */
    public static Summary run(SparkSession spark, Config c) throws IOException {
        long t0 = System.nanoTime();
        RateDistortionEvaluation protocol = c.baselines() == null ? null : c.baselines().protocol(c.comparison());
        if (protocol != null) {
            CompressionEvaluation.probe(protocol);
        }
        HadoopConf conf = new HadoopConf(spark.sparkContext().hadoopConfiguration());
        Corpus corpus = Corpus.open(spark, c.input(), c.glob(), c.output(), conf);
        String parquet = new Path(corpus.output(), "results.parquet").toString();
        Evaluate evaluate = new Evaluate(c, corpus.paths(), ImageReadOptions.defaults());
        corpus.files().select("path", "content").flatMap(evaluate, Encoders.row(SCHEMA)).write().parquet(parquet);
        Dataset<Row> rows = spark.read().schema(SCHEMA).parquet(parquet);
        List<String> methods = c.comparison().methods();
        Column order = functions.array_position(functions.lit(methods.toArray(new String[0])), functions.col("method"));
        rows.orderBy(functions.col("image"), order).coalesce(1).write().option("header", "true")
                .csv(new Path(corpus.output(), "results.csv").toString());
        Map<String, Map<String, Object>> means = means(rows, methods);
        long failed = rows.filter("error is not null").count();
        RateDistortionReport rd = null;
        Map<String, String> rdFailed = new TreeMap<>();
        if (protocol != null) {
            String rdParquet = new Path(corpus.output(), "rd_points.parquet").toString();
            corpus.files().select("path", "content").flatMap(new RateDistortion(c, corpus.paths(), ImageReadOptions.defaults()),
                    Encoders.row(RD_SCHEMA)).write().parquet(rdParquet);
            rd = protocol.report(imageResults(spark.read().schema(RD_SCHEMA).parquet(rdParquet).collectAsList(), protocol, rdFailed));
            FileSystem fs = corpus.output().getFileSystem(conf.get());
            write(fs, new Path(corpus.output(), "rd.csv"), rd.rdCsv());
            write(fs, new Path(corpus.output(), "bd.csv"), rd.bdCsv());
            write(fs, new Path(corpus.output(), "equal_bytes.csv"), rd.equalBytesCsv());
        }
        Summary s = new Summary(corpus.relative().size(), failed, means, (System.nanoTime() - t0) / 1e9, rd, rdFailed);
        writeSummary(corpus.output(), conf, c, s);
        return s;
    }

    /** Means per method over the rows without error, as {@link SemanticComparison#means}. */
    private static Map<String, Map<String, Object>> means(Dataset<Row> rows, List<String> methods) {
        List<Column> aggs = new ArrayList<>();
        for (String k : QualityReport.KEYS) {
            aggs.add(functions.avg(k).as(k));
        }
        aggs.add(functions.avg("bytes").as("bytes"));
        aggs.add(functions.avg("encode_ms").as("encode_ms"));
        aggs.add(functions.sum(functions.col("within_tolerance").cast("long")).as("within_tolerance"));
        Map<String, Row> byMethod = new LinkedHashMap<>();
        for (Row r : rows.filter("error is null").groupBy("method")
                .agg(functions.count("*").as("n"), aggs.toArray(new Column[0])).collectAsList()) {
            byMethod.put(r.getString(0), r);
        }
        Map<String, Map<String, Object>> means = new LinkedHashMap<>();
        for (String method : methods) {
            Row r = byMethod.get(method);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("n", r == null ? 0 : r.getLong(1));
            for (int k = 0; k < QualityReport.KEYS.length; k++) {
                m.put(QualityReport.KEYS[k], r == null || r.isNullAt(2 + k) ? null : r.getDouble(2 + k));
            }
            int i = 2 + QualityReport.KEYS.length;
            m.put("bytes", r == null ? Double.NaN : r.getDouble(i));
            m.put("encode_ms", r == null ? Double.NaN : r.getDouble(i + 1));
            m.put("within_tolerance", r == null || r.isNullAt(i + 2) ? 0 : r.getLong(i + 2));
            means.put(method, m);
        }
        return means;
    }

    /**
     * The per-image results of the rate–distortion pass, images sorted by name, each image's points in the
     * protocol's order (method, then quality); images with an error go to {@code failed} instead.
     */
    private static List<ImageResult> imageResults(List<Row> rows, RateDistortionEvaluation protocol, Map<String, String> failed) {
        List<String> methods = protocol.methods().stream().map(RateDistortionEvaluation.Method::name).toList();
        Map<String, List<Row>> byImage = new TreeMap<>();
        for (Row r : rows) {
            if (r.isNullAt(RD_SCHEMA.fieldIndex("error"))) {
                byImage.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(r);
            } else {
                failed.put(r.getString(0), r.getString(RD_SCHEMA.fieldIndex("error")));
            }
        }
        List<ImageResult> results = new ArrayList<>();
        byImage.forEach((image, points) -> {
            points.sort(Comparator.<Row>comparingInt(r -> methods.indexOf(r.getString(3))).thenComparingDouble(r -> r.getDouble(4)));
            List<RateDistortionReport.Point> p = new ArrayList<>();
            for (Row r : points) {
                p.add(new RateDistortionReport.Point(image, r.getString(3), r.getDouble(4), r.getLong(5), r.getDouble(6),
                        number(r, 7), number(r, 8), number(r, 9), number(r, 10)));
            }
            results.add(new ImageResult(image, points.get(0).getInt(1), points.get(0).getInt(2), p));
        });
        return results;
    }

    private static double number(Row r, int i) {
        return r.isNullAt(i) ? Double.NaN : r.getDouble(i);
    }

    /** Writes {@code text} to {@code file} through a temporary file and a rename. */
    private static void write(FileSystem fs, Path file, String text) throws IOException {
        Path tmp = new Path(file.getParent(), "." + file.getName() + ".tmp");
        try (OutputStream os = fs.create(tmp, true)) {
            os.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        if (!fs.rename(tmp, file)) {
            throw new IOException("cannot write " + file);
        }
    }

    private static void writeSummary(Path out, HadoopConf conf, Config c, Summary s) throws IOException {
        Map<String, Object> summary = new CompressionSummary("spark.evaluate", c.comparison(), c.baselines())
                .input("input", c.input())
                .input("glob", c.glob() == null ? CorpusPaths.DEFAULT_GLOB : c.glob())
                .input("saliency", c.recipe().method() + (c.recipe().needsModel() ? " of " + c.model() : ""))
                .images(s.images(), s.failed()).means(s.means()).rateDistortion(s.rd(), s.rdFailed()).build();
        write(out.getFileSystem(conf.get()), new Path(out, "summary.json"), ReportJson.write(summary) + "\n");
    }

    /** One row per image, method and quality of the rate–distortion pass ({@link RateDistortionReport.Point}), or one error row per image. */
    public static final StructType RD_SCHEMA = new StructType()
            .add("image", DataTypes.StringType, false)
            .add("width", DataTypes.IntegerType)
            .add("height", DataTypes.IntegerType)
            .add("method", DataTypes.StringType)
            .add("quality", DataTypes.DoubleType)
            .add("bytes", DataTypes.LongType)
            .add("bpp", DataTypes.DoubleType)
            .add("psnr", DataTypes.DoubleType)
            .add("psnr_s", DataTypes.DoubleType)
            .add("ssim", DataTypes.DoubleType)
            .add("ms_ssim", DataTypes.DoubleType)
            .add("error", DataTypes.StringType);

    /**
     * A per-image function on the executors: decodes the image, makes its map ({@link Config#recipe}), and turns
     * them into rows of {@code schema}; any failure is one row holding the image and the error (the last column).
     */
    private abstract static class PerImage implements FlatMapFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        final Config config;
        private final CorpusPaths paths;
        private final ImageReadOptions read;
        private final StructType schema;

        PerImage(Config config, CorpusPaths paths, ImageReadOptions read, StructType schema) {
            this.config = config;
            this.paths = paths;
            this.read = read;
            this.schema = schema;
        }

        abstract List<Row> rows(String image, Planar img, SaliencyMap map) throws Exception;

        @Override
        public Iterator<Row> call(Row r) {
            TaskContext task = TaskContext.get();
            ExecutorState.pinThreads(task == null ? 1 : task.cpus());
            String rel = paths.relative(r.getString(0));
            try {
                Planar img = Corpus.decode((byte[]) r.get(1), read);
                SaliencyRecipe recipe = config.recipe();
                SaliencyMap map = recipe.compute(recipe.needsModel() ? SaliencyModels.open(config.model()) : null, config.model(), img).map();
                return rows(rel, img, map).iterator();
            } catch (Exception e) {
                Object[] v = new Object[schema.size()];
                v[0] = rel;
                v[schema.size() - 1] = Corpus.message(e);
                return List.of(RowFactory.create(v)).iterator();
            }
        }
    }

    /** The rate–distortion protocol on one image (the map made again as in {@link Evaluate}). */
    private static final class RateDistortion extends PerImage {
        private static final long serialVersionUID = 1L;
        private transient RateDistortionEvaluation protocol;

        RateDistortion(Config config, CorpusPaths paths, ImageReadOptions read) {
            super(config, paths, read, RD_SCHEMA);
        }

        @Override
        List<Row> rows(String image, Planar img, SaliencyMap map) throws Exception {
            if (protocol == null) {
                protocol = config.baselines().protocol(config.comparison());
            }
            List<Row> out = new ArrayList<>();
            for (RateDistortionReport.Point p : protocol.evaluate(new Subject(image, img, map), () -> { }).points()) {
                out.add(RowFactory.create(image, img.width(), img.height(), p.method(), p.quality(), p.bytes(), p.bpp(),
                        nullable(p.psnr()), nullable(p.psnrS()), nullable(p.ssim()), nullable(p.msSsim()), null));
            }
            return out;
        }

        private static Double nullable(double v) {
            return Double.isNaN(v) ? null : v;
        }
    }

    private static StructType schema() {
        StructType s = new StructType()
                .add("image", DataTypes.StringType, false)
                .add("width", DataTypes.IntegerType)
                .add("height", DataTypes.IntegerType)
                .add("method", DataTypes.StringType)
                .add("bytes", DataTypes.LongType)
                .add("target_bytes", DataTypes.LongType)
                .add("size_deviation", DataTypes.DoubleType)
                .add("within_tolerance", DataTypes.BooleanType)
                .add("final_quality", DataTypes.DoubleType)
                .add("encode_ms", DataTypes.DoubleType);
        for (String k : QualityReport.KEYS) {
            s = s.add(k, DataTypes.DoubleType);
        }
        return s.add("saliency", DataTypes.StringType).add("error", DataTypes.StringType);
    }

    /** Evaluates one image. */
    private static final class Evaluate extends PerImage {
        private static final long serialVersionUID = 1L;

        Evaluate(Config config, CorpusPaths paths, ImageReadOptions read) {
            super(config, paths, read, SCHEMA);
        }

        @Override
        List<Row> rows(String image, Planar img, SaliencyMap map) throws Exception {
            List<Row> out = new ArrayList<>();
            for (SemanticComparison.Encoded e : new CompressionEvaluation(config.comparison(), null).compare(image, img, map)) {
                out.add(row(e.row(), config.recipe().method()));
            }
            return out;
        }

        private static Row row(SemanticComparison.Row r, String saliency) {
            List<Object> v = new ArrayList<>(List.of(r.image(), r.width(), r.height(), r.method(), r.bytes()));
            v.add(r.targetBytes() == 0 ? null : r.targetBytes());
            v.add(r.targetBytes() == 0 ? null : r.sizeDeviation());
            v.add(r.withinTolerance());
            v.add(r.finalQuality());
            v.add(r.encodeMs());
            for (double q : r.quality().values()) {
                v.add(Double.isNaN(q) ? null : q);
            }
            v.add(saliency);
            v.add(null);
            return RowFactory.create(v.toArray());
        }
    }
}
