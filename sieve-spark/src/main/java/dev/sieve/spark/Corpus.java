package dev.sieve.spark;

import dev.sieve.image.Planar;
import dev.sieve.image.io.ImageFiles;
import dev.sieve.image.io.ImageReadOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The images of a job: every file under the input folder whose name matches the glob, read with Spark's
 * {@code binaryFile} source (columns path, modificationTime, length, content), and the checks on the
 * input and output folders that every job makes.
 *
 * @param files    the {@code binaryFile} rows
 * @param paths    the input folder, for relative paths
 * @param relative the inputs' relative paths, in listing order
 * @param output   the qualified output folder
 */
record Corpus(Dataset<Row> files, CorpusPaths paths, List<String> relative, Path output) {
    /**
     * Lists the images under {@code input}; an input that is not a folder or holds no image, or an output that
     * exists and is not an empty folder or lies inside the input, is an {@link IllegalArgumentException}.
     */
    static Corpus open(SparkSession spark, String input, String glob, String output, HadoopConf conf) throws IOException {
        Path in = checkInput(input, conf);
        Path out = checkOutput(output, in, conf);
        CorpusPaths paths = new CorpusPaths(in);
        String g = glob == null ? CorpusPaths.DEFAULT_GLOB : glob;
        Dataset<Row> files = spark.read().format("binaryFile").option("recursiveFileLookup", "true").option("pathGlobFilter", g)
                .load(in.toString());
        List<String> relative = new ArrayList<>();
        for (Row r : files.select("path").collectAsList()) {
            relative.add(paths.relative(r.getString(0)));
        }
        if (relative.isEmpty()) {
            throw new IllegalArgumentException(input + ": no images (file names matching " + g + ")");
        }
        if (!spark.conf().contains("spark.sql.files.minPartitionNum")) {
            // a few tasks per slot, so the last ones do not run alone on one core
            spark.conf().set("spark.sql.files.minPartitionNum", 4L * spark.sparkContext().defaultParallelism());
        }
        return new Corpus(files, paths, relative, out);
    }

    /**
     * Decodes a file's bytes through a private temporary file, so the checks and decoders of {@link ImageFiles#read} apply
     * unchanged, with the driver's {@code options} ({@code --max-pixels}, {@code --lenient}).
     */
    static Planar decode(byte[] content, ImageReadOptions options) throws IOException {
        java.nio.file.Path tmp = Files.createTempFile("sieve-spark-", ".img");
        try {
            Files.write(tmp, content);
            try {
                return ImageFiles.read(tmp, options);
            } catch (IOException | RuntimeException e) {
                throw new IOException(String.valueOf(e.getMessage()).replace(tmp + ": ", ""), e);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** An exception as one line for a manifest's error column. */
    static String message(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replace('\n', ' ').strip();
    }

    private static Path checkInput(String input, HadoopConf conf) throws IOException {
        Path p = new Path(input);
        FileSystem fs = p.getFileSystem(conf.get());
        if (!fs.exists(p)) {
            throw new IllegalArgumentException(input + ": no such folder");
        }
        if (!fs.getFileStatus(p).isDirectory()) {
            throw new IllegalArgumentException(input + ": not a folder (give the folder of images)");
        }
        return fs.makeQualified(p);
    }

    private static Path checkOutput(String output, Path in, HadoopConf conf) throws IOException {
        Path p = new Path(output);
        FileSystem fs = p.getFileSystem(conf.get());
        Path q = fs.makeQualified(p);
        if (fs.exists(q)) {
            FileStatus s = fs.getFileStatus(q);
            if (!s.isDirectory()) {
                throw new IllegalArgumentException(output + ": exists and is not a folder");
            }
            if (fs.listStatus(q).length > 0) {
                throw new IllegalArgumentException(output + ": exists and is not empty (the job never overwrites files)");
            }
        }
        if ((q.toUri() + "/").startsWith(in.toUri() + "/")) {
            throw new IllegalArgumentException(output + ": must not be inside the input folder " + in);
        }
        return q;
    }
}
