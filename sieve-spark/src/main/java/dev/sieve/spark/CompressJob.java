package dev.sieve.spark;

import dev.sieve.image.Planar;
import dev.sieve.image.io.ImageReadOptions;
import dev.sieve.jpeg.semantic.SemanticOptions;
import dev.sieve.nn.compress.SemanticCompressor;
import dev.sieve.nn.saliency.SaliencyRecipe;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.Iterator;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.reflect.ClassTag;

/**
 * Semantic JPEG (thesis ch. 2) of every image under a folder, on Spark: images are read with the
 * {@code binaryFile} source ({@link Corpus}: recursively, filtered by a file-name glob), each is compressed exactly as
 * {@code sieve compress} does with the same options ({@link SemanticCompressor}), and written under the
 * output folder at its relative path with extension {@code .jpg} (temporary file, then rename). A
 * manifest with one row per input ({@link #SCHEMA}) goes to {@code OUT/manifest.parquet/} and
 * {@code OUT/manifest.csv/} (one CSV file, sorted by path). An image that cannot be read or compressed is
 * a row with its error, never a failed job.
 */
public final class CompressJob {
    /** The manifest's columns: input path (relative), output path, size, the chosen parameters, time and error. */
    public static final StructType SCHEMA = new StructType()
            .add("path", DataTypes.StringType, false)
            .add("output", DataTypes.StringType)
            .add("input_bytes", DataTypes.LongType, false)
            .add("width", DataTypes.IntegerType)
            .add("height", DataTypes.IntegerType)
            .add("bytes", DataTypes.LongType)
            .add("reference_bytes", DataTypes.LongType)
            .add("target_bytes", DataTypes.LongType)
            .add("size_deviation", DataTypes.DoubleType)
            .add("within_tolerance", DataTypes.BooleanType)
            .add("mode", DataTypes.StringType)
            .add("tune", DataTypes.StringType)
            .add("final_quality", DataTypes.DoubleType)
            .add("lambda_scale", DataTypes.DoubleType)
            .add("saliency_weight", DataTypes.DoubleType)
            .add("shift", DataTypes.DoubleType)
            .add("block_method", DataTypes.StringType)
            .add("encodes", DataTypes.IntegerType)
            .add("saliency", DataTypes.StringType)
            .add("time_ms", DataTypes.DoubleType)
            .add("error", DataTypes.StringType);

    private CompressJob() {
    }

    /**
     * What to compress and how.
     *
     * @param input   the input folder (a local path or any Hadoop file system URI)
     * @param output  the output folder; must not exist or be empty, and must not be inside the input
     * @param glob    the file names read ({@link CorpusPaths#DEFAULT_GLOB} when null)
     * @param options the encoder settings
     * @param recipe  how saliency maps are computed (unused in plain mode)
     * @param model   the saliency model: a built-in name, or a model file readable on every executor
     */
    public record Config(String input, String output, String glob, SemanticOptions options, SaliencyRecipe recipe, String model)
            implements Serializable {
    }

    /**
     * @param images      inputs found
     * @param failed      inputs with an error row
     * @param inputBytes  bytes read
     * @param outputBytes JPEG bytes written
     * @param seconds     wall time of the job (listing, compression, manifest)
     */
    public record Summary(long images, long failed, long inputBytes, long outputBytes, double seconds) {
        /** Images per second over the job. */
        public double imagesPerSecond() {
            return images / seconds;
        }
    }

    /** Runs the job; an input or output folder that cannot be used is an {@link IllegalArgumentException}. */
    public static Summary run(SparkSession spark, Config c) throws IOException {
        long t0 = System.nanoTime();
        HadoopConf conf = new HadoopConf(spark.sparkContext().hadoopConfiguration());
        Corpus corpus = Corpus.open(spark, c.input(), c.glob(), c.output(), conf);
        Path out = corpus.output();
        Broadcast<Map<String, String>> collisions = spark.sparkContext().broadcast(CorpusPaths.collisions(corpus.relative()),
                ClassTag.apply(Map.class));
        Compress compress = new Compress(c, corpus.paths(), out.toString(), conf, collisions, ImageReadOptions.defaults());
        Dataset<Row> manifest = corpus.files().select("path", "length", "content").mapPartitions(compress, Encoders.row(SCHEMA));
        String parquet = new Path(out, "manifest.parquet").toString();
        manifest.write().parquet(parquet);
        Dataset<Row> written = spark.read().schema(SCHEMA).parquet(parquet);
        written.orderBy("path").coalesce(1).write().option("header", "true").csv(new Path(out, "manifest.csv").toString());
        Row totals = written.selectExpr("count(*)", "count(error)", "coalesce(sum(input_bytes), 0)", "coalesce(sum(bytes), 0)").first();
        collisions.destroy();
        return new Summary(totals.getLong(0), totals.getLong(1), totals.getLong(2), totals.getLong(3), (System.nanoTime() - t0) / 1e9);
    }

    /** Compresses one partition's images; runs on the executors. */
    private static final class Compress implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final Config config;
        private final CorpusPaths paths;
        private final String out;
        private final HadoopConf conf;
        private final Broadcast<Map<String, String>> collisions;
        private final ImageReadOptions read;

        Compress(Config config, CorpusPaths paths, String out, HadoopConf conf, Broadcast<Map<String, String>> collisions,
                ImageReadOptions read) {
            this.config = config;
            this.paths = paths;
            this.out = out;
            this.conf = conf;
            this.collisions = collisions;
            this.read = read;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) throws IOException {
            TaskContext task = TaskContext.get();
            ExecutorState.pinThreads(task == null ? 1 : task.cpus());
            SemanticCompressor compressor = ExecutorState.compressor(config);
            Path root = new Path(out);
            FileSystem fs = FileSystem.newInstance(root.toUri(), conf.get());
            fs.setWriteChecksum(false);
            String attempt = task == null ? "0" : Long.toString(task.taskAttemptId());
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    boolean more = rows.hasNext();
                    if (!more) {
                        try {
                            fs.close();
                        } catch (IOException e) {
                            // every file was closed after writing; nothing is lost
                        }
                    }
                    return more;
                }

                @Override
                public Row next() {
                    Row r = rows.next();
                    String rel = paths.relative(r.getString(0));
                    long length = r.getLong(1);
                    String refused = collisions.value().get(rel);
                    if (refused != null) {
                        return failed(rel, length, refused);
                    }
                    try {
                        return compress(Corpus.decode((byte[]) r.get(2), read), rel, length, compressor, fs, root, attempt);
                    } catch (Exception e) {
                        return failed(rel, length, Corpus.message(e));
                    }
                }
            };
        }

        private static Row compress(Planar img, String rel, long length, SemanticCompressor compressor, FileSystem fs, Path root,
                String attempt) throws IOException {
            SemanticCompressor.Outcome o = compressor.compress(img, null, null);
            String output = CorpusPaths.outputOf(rel);
            Path target = new Path(root, output);
            Path tmp = new Path(target.getParent(), "." + target.getName() + "." + attempt + ".tmp");
            try (OutputStream os = fs.create(tmp, true)) {
                os.write(o.result().jpeg());
            }
            if (fs.exists(target)) {
                fs.delete(target, false);
            }
            if (!fs.rename(tmp, target)) {
                fs.delete(tmp, false);
                throw new IOException("cannot rename " + tmp + " to " + target);
            }
            Map<String, Object> m = compressor.report(img, o);
            return RowFactory.create(rel, output, length, m.get("width"), m.get("height"), num(m.get("bytes")),
                    num(m.get("reference_bytes")), num(m.get("target_bytes")), m.get("size_deviation"), m.get("within_tolerance"),
                    m.get("mode"), m.get("tune"), m.get("final_quality"), m.get("lambda_scale"), m.get("saliency_weight"),
                    m.get("shift"), m.get("block_method"), m.get("encodes"), m.get("saliency"), m.get("time_ms"), null);
        }

        private static Long num(Object v) {
            return v == null ? null : ((Number) v).longValue();
        }

        private static Row failed(String rel, long length, String error) {
            Object[] v = new Object[SCHEMA.size()];
            v[0] = rel;
            v[2] = length;
            v[SCHEMA.size() - 1] = error;
            return RowFactory.create(v);
        }
    }
}
