package dev.sieve.jpeg.bench;

import dev.sieve.image.Planar;
import dev.sieve.image.io.ImageFiles;
import dev.sieve.image.metrics.Median;
import dev.sieve.image.saliency.SaliencyMap;
import dev.sieve.jpeg.JpegEncoder;
import dev.sieve.jpeg.JpegOptions;
import dev.sieve.jpeg.Subsampling;
import dev.sieve.jpeg.Tune;
import dev.sieve.jpeg.eval.ExternalEncoder;
import dev.sieve.jpeg.semantic.SemanticJpeg;
import dev.sieve.jpeg.semantic.SemanticMode;
import dev.sieve.jpeg.semantic.SemanticOptions;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.plugins.jpeg.JPEGImageWriteParam;
import javax.imageio.stream.ImageOutputStream;

/**
 * Encode throughput of Sieve's JPEG encoder against the JDK ImageIO writer (the baseline) and
 * libjpeg-turbo's {@code cjpeg} (when on the PATH), same image, quality, 4:2:0 and optimized Huffman
 * tables; also Sieve's psnr and visual tunes, the progressive psnr encode, the size-matched semantic
 * compress (direct mode, psnr tune, a centre-ellipse map) and, given, mozjpeg's {@code cjpeg -tune-psnr}.
 * Each round runs every encoder once (warm-up rounds untimed), so load changes hit all alike; a row's
 * time is the median of the timed rounds. External encoders' times include their process start and
 * reading a PPM file.
 */
public final class EncoderBenchmark {
    /** The encoder every speed is compared with. */
    public static final String BASELINE = "imageio (JDK)";

    /**
     * @param quality JPEG quality 1..100
     * @param runs    timed rounds, ≥ 1
     * @param warmup  untimed rounds, ≥ 0
     * @param mozjpeg mozjpeg's cjpeg, or null
     */
    public record Config(int quality, int runs, int warmup, Path mozjpeg) {
        public Config {
            if (runs < 1 || warmup < 0 || quality < 1 || quality > 100) {
                throw new IllegalArgumentException("need runs >= 1, warmup >= 0 and quality in 1..100");
            }
        }
    }

    /** One encoder's median time (ms), throughput (megapixels per second) and output size (bytes). */
    public record Row(String encoder, double medianMs, double megapixelsPerSecond, long bytes) {
    }

    /** The rows in encoder order (Sieve's default encode first, then {@link #BASELINE}). */
    public record Result(List<Row> rows) {
        public Row row(String encoder) {
            return rows.stream().filter(r -> r.encoder().equals(encoder)).findFirst().orElse(null);
        }

        public Row baseline() {
            return row(BASELINE);
        }

        /** Throughput of {@code r} over the baseline's. */
        public double speedVsBaseline(Row r) {
            return r.megapixelsPerSecond() / baseline().megapixelsPerSecond();
        }

        /** Time of the size-matched semantic compress over one plain psnr encode: the cost of size matching. */
        public double semanticTimeVsPlainPsnr() {
            return row("sieve semantic").medianMs() / row("sieve psnr").medianMs();
        }
    }

    @FunctionalInterface
    private interface Encode {
        long run() throws Exception;
    }

    private final Planar img;
    private final Config c;
    private final boolean cjpeg;

    /** A benchmark of colour image {@code img}; a missing or non-executable mozjpeg is an {@link IllegalArgumentException}. */
    public EncoderBenchmark(Planar img, Config c) {
        if (img.channels() != 3) {
            throw new IllegalArgumentException("the benchmark needs a colour image");
        }
        if (c.mozjpeg() != null && !Files.isExecutable(c.mozjpeg())) {
            throw new IllegalArgumentException(c.mozjpeg() + ": not an executable file");
        }
        this.img = img;
        this.c = c;
        this.cjpeg = onPath("cjpeg");
    }

    /** Encodes the benchmark will run, warm-up included (one {@code step} each). */
    public long steps() {
        return (long) (c.warmup() + c.runs()) * (6 + (cjpeg ? 1 : 0) + (c.mozjpeg() != null ? 1 : 0));
    }

    /** Runs the benchmark, calling {@code step} after every encode. */
    public Result run(Runnable step) throws Exception {
        BufferedImage buffered = ImageFiles.toBufferedImage(img);
        JpegOptions opts = new JpegOptions(c.quality(), Subsampling.S420, true, false);
        Path ppm = Files.createTempFile("sieve-bench", ".ppm");
        try {
            Files.write(ppm, ExternalEncoder.toPnm(img));
            Map<String, Encode> encoders = new LinkedHashMap<>();
            encoders.put("sieve", () -> JpegEncoder.encode(img, opts).length);
            encoders.put(BASELINE, () -> imageIo(buffered, c.quality()));
            if (cjpeg) {
                encoders.put("cjpeg", () -> external(List.of("cjpeg", "-optimize"), ppm, c.quality()));
            }
            encoders.put("sieve psnr", () -> JpegEncoder.encode(img, opts.withTune(Tune.PSNR)).length);
            encoders.put("sieve visual", () -> JpegEncoder.encode(img, opts.withTune(Tune.VISUAL)).length);
            SaliencyMap ellipse = centreEllipse(img.width(), img.height());
            encoders.put("sieve psnr prog", () -> JpegEncoder.encode(img, opts.withTune(Tune.PSNR).withProgressive(true)).length);
            SemanticOptions semantic = SemanticOptions.defaults(SemanticMode.DIRECT).withTune(Tune.PSNR).withMatchQuality(c.quality())
                    .withProgressive(false);
            encoders.put("sieve semantic", () -> SemanticJpeg.compress(img, ellipse, semantic).jpeg().length);
            if (c.mozjpeg() != null) {
                encoders.put("mozjpeg psnr", () -> external(List.of(c.mozjpeg().toString(), "-tune-psnr"), ppm, c.quality()));
            }
            return new Result(time(encoders, img.pixels() / 1e6, step));
        } finally {
            Files.deleteIfExists(ppm);
        }
    }

    private List<Row> time(Map<String, Encode> encoders, double mp, Runnable step) throws Exception {
        int n = encoders.size();
        List<Encode> list = new ArrayList<>(encoders.values());
        long[] bytes = new long[n];
        double[][] ms = new double[n][c.runs()];
        for (int round = 0; round < c.warmup() + c.runs(); round++) {
            for (int e = 0; e < n; e++) {
                long t0 = System.nanoTime();
                bytes[e] = list.get(e).run();
                double t = (System.nanoTime() - t0) / 1e6;
                if (round >= c.warmup()) {
                    ms[e][round - c.warmup()] = t;
                }
                step.run();
            }
        }
        List<Row> rows = new ArrayList<>();
        int e = 0;
        for (String name : encoders.keySet()) {
            double median = Median.of(ms[e]);
            rows.add(new Row(name, median, mp / (median / 1000), bytes[e]));
            e++;
        }
        return rows;
    }

    private static long imageIo(BufferedImage img, int quality) throws IOException {
        ImageWriter w = jdkJpegWriter();
        try {
            JPEGImageWriteParam p = (JPEGImageWriteParam) w.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality / 100f);
            p.setOptimizeHuffmanTables(true);
            ByteArrayOutputStream bos = new ByteArrayOutputStream(1 << 22);
            try (ImageOutputStream ios = ImageIO.createImageOutputStream(bos)) {
                w.setOutput(ios);
                w.write(null, new IIOImage(img, null, null), p);
            }
            return bos.size();
        } finally {
            w.dispose();
        }
    }

    private static ImageWriter jdkJpegWriter() {
        Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("jpeg");
        while (it.hasNext()) {
            ImageWriter w = it.next();
            if (w.getClass().getName().startsWith("com.sun.imageio")) {
                return w;
            }
        }
        throw new IllegalStateException("the JDK's ImageIO JPEG writer is not available");
    }

    /** Runs {@code command -quality Q -sample 2x2 PPM} and returns the bytes it wrote. */
    private static long external(List<String> command, Path ppm, int quality) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(command);
        cmd.addAll(List.of("-quality", Integer.toString(quality), "-sample", "2x2", ppm.toString()));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long n = p.getInputStream().transferTo(OutputStream.nullOutputStream());
        if (p.waitFor() != 0) {
            throw new IOException(command.get(0) + " failed");
        }
        return n;
    }

    /** A centre ellipse over a quarter of the width and height each side of the centre (about 20 % of the image). */
    static SaliencyMap centreEllipse(int w, int h) {
        float[] v = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double dx = (x + 0.5 - w / 2.0) / (w / 4.0), dy = (y + 0.5 - h / 2.0) / (h / 4.0);
                v[y * w + x] = dx * dx + dy * dy < 1 ? 1f : 0f;
            }
        }
        return new SaliencyMap(w, h, v);
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
