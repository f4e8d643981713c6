package dev.sieve.cli;

import dev.sieve.image.metrics.Median;
import dev.sieve.image.Planar;
import dev.sieve.image.Resample;
import dev.sieve.image.io.ImageFiles;
import dev.sieve.image.io.SamplePhotos;
import dev.sieve.jpeg.JpegEncoder;
import dev.sieve.jpeg.JpegOptions;
import dev.sieve.jpeg.Subsampling;
import dev.sieve.jpeg.Tune;
import dev.sieve.jpeg.eval.ExternalEncoder;
import dev.sieve.jpeg.semantic.SemanticJpeg;
import dev.sieve.jpeg.semantic.SemanticMode;
import dev.sieve.jpeg.semantic.SemanticOptions;
import dev.sieve.image.saliency.SaliencyMap;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.plugins.jpeg.JPEGImageWriteParam;
import javax.imageio.stream.ImageOutputStream;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sieve bench jpeg}: encode throughput of Sieve's encoder against the JDK ImageIO writer
 * and libjpeg-turbo's {@code cjpeg}, measured in the same run on the same image and settings.
 */
@Command(
        name = "jpeg",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Encode throughput of Sieve's JPEG encoder against the JDK's and cjpeg.",
            "",
            "Encode throughput (megapixels per second, median of the timed runs) of Sieve's JPEG encoder,",
            "the JDK ImageIO JPEG writer (baseline) and cjpeg (libjpeg-turbo, when installed), same image,",
            "4:2:0, optimized Huffman tables. The default image is the built-in kodim07 enlarged to 12.6 MP.",
            "cjpeg times include its process start and reading a PPM file.",
            "",
            "Also timed: Sieve's rate-distortion tunes (psnr, visual: trellis quantization) at the same quality, and the",
            "progressive psnr encode (scan script searched), and the semantic compress of the psnr tune in direct mode with a",
            "given map (a centre ellipse, not timed), baseline, size-matched to classic JPEG at --quality within 1 %: its",
            "time over the plain (baseline) psnr encode is the cost of size matching.",
            "--mozjpeg PATH adds mozjpeg's cjpeg -tune-psnr (see scripts/build-mozjpeg)."
        })
public final class BenchJpegCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--input", paramLabel = "IMAGE", description = "Image to encode instead of the enlarged kodim07.")
    Path input;

    @Option(names = "--quality", defaultValue = "75", description = "JPEG quality (default: ${DEFAULT-VALUE}).")
    int quality;

    @Option(names = "--runs", defaultValue = "5", description = "Timed runs per encoder (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--warmup", defaultValue = "3", description = "Untimed warm-up runs per encoder (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--mozjpeg", paramLabel = "CJPEG", description = "mozjpeg's cjpeg, timed with -tune-psnr.")
    Path mozjpeg;

    @Mixin
    JsonOption json;

    private record Row(String encoder, double medianMs, double megapixelsPerSecond, long bytes) {
    }

    @Override
    public Integer call() throws Exception {
        if (runs < 1 || warmup < 0 || quality < 1 || quality > 100) {
            throw new UsageError("need --runs >= 1, --warmup >= 0 and --quality in 1..100");
        }
        Planar img = input != null ? ImageFiles.read(input) : enlargedKodim();
        if (img.channels() != 3) {
            throw new IllegalArgumentException("the benchmark needs a colour image");
        }
        double mp = img.pixels() / 1e6;
        BufferedImage buffered = ImageFiles.toBufferedImage(img);
        JpegOptions opts = new JpegOptions(quality, Subsampling.S420, true, false);
        Path ppm = Files.createTempFile("sieve-bench", ".ppm");
        List<Row> rows = new ArrayList<>();
        try {
            Files.write(ppm, ExternalEncoder.toPnm(img));
            Map<String, Encode> encoders = new LinkedHashMap<>();
            encoders.put("sieve", () -> JpegEncoder.encode(img, opts).length);
            encoders.put("imageio (JDK)", () -> imageIo(buffered, quality));
            if (onPath("cjpeg")) {
                encoders.put("cjpeg", () -> external(List.of("cjpeg", "-optimize"), ppm, quality));
            }
            encoders.put("sieve psnr", () -> JpegEncoder.encode(img, opts.withTune(Tune.PSNR)).length);
            encoders.put("sieve visual", () -> JpegEncoder.encode(img, opts.withTune(Tune.VISUAL)).length);
            SaliencyMap ellipse = centreEllipse(img.width(), img.height());
            encoders.put("sieve psnr prog", () -> JpegEncoder.encode(img, opts.withTune(Tune.PSNR).withProgressive(true)).length);
            SemanticOptions semantic = SemanticOptions.defaults(SemanticMode.DIRECT).withTune(Tune.PSNR).withMatchQuality(quality)
                    .withProgressive(false);
            encoders.put("sieve semantic", () -> SemanticJpeg.compress(img, ellipse, semantic).jpeg().length);
            if (mozjpeg != null) {
                if (!Files.isExecutable(mozjpeg)) {
                    throw new IllegalArgumentException(mozjpeg + ": not an executable file");
                }
                encoders.put("mozjpeg psnr", () -> external(List.of(mozjpeg.toString(), "-tune-psnr"), ppm, quality));
            }
            rows.addAll(time(encoders, mp));
        } finally {
            Files.deleteIfExists(ppm);
        }
        Row base = rows.get(1);
        PrintWriter out = spec.commandLine().getOut();
        if (json.json) {
            Map<String, Object> m = Json.document("bench.jpeg");
            m.put("image", input == null ? "builtin:kodim07 enlarged" : input.toString());
            m.put("width", img.width());
            m.put("height", img.height());
            m.put("quality", quality);
            m.put("subsampling", "4:2:0");
            m.put("optimized_huffman", true);
            m.put("runs", runs);
            m.put("cores", Runtime.getRuntime().availableProcessors());
            m.put("baseline", base.encoder());
            List<Map<String, Object>> list = new ArrayList<>();
            for (Row r : rows) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("encoder", r.encoder());
                e.put("median_ms", r.medianMs());
                e.put("mp_per_s", r.megapixelsPerSecond());
                e.put("bytes", r.bytes());
                e.put("speed_vs_baseline", r.megapixelsPerSecond() / base.megapixelsPerSecond());
                list.add(e);
            }
            m.put("results", list);
            double plainPsnr = rows.stream().filter(r -> r.encoder().equals("sieve psnr")).findFirst().orElseThrow().medianMs();
            double sem = rows.stream().filter(r -> r.encoder().equals("sieve semantic")).findFirst().orElseThrow().medianMs();
            m.put("semantic_time_vs_plain_psnr", sem / plainPsnr);
            out.println(Json.write(m));
        } else {
            out.printf(Locale.ROOT, "%dx%d (%.1f MP), Q%d, 4:2:0, optimized Huffman, %d runs, %d cores%n", img.width(),
                    img.height(), mp, quality, runs, Runtime.getRuntime().availableProcessors());
            out.printf(Locale.ROOT, "%-15s %10s %8s %11s %14s%n", "encoder", "median ms", "MP/s", "bytes", "vs imageio");
            for (Row r : rows) {
                out.printf(Locale.ROOT, "%-15s %10.1f %8.1f %11d %13.2fx%n", r.encoder(), r.medianMs(),
                        r.megapixelsPerSecond(), r.bytes(), r.megapixelsPerSecond() / base.megapixelsPerSecond());
            }
            Map<String, Row> byName = new LinkedHashMap<>();
            rows.forEach(r -> byName.put(r.encoder(), r));
            if (byName.containsKey("cjpeg")) {
                out.printf(Locale.ROOT, "sieve vs cjpeg: %.2fx%n", rows.get(0).megapixelsPerSecond() / byName.get("cjpeg").megapixelsPerSecond());
            }
            out.printf(Locale.ROOT, "semantic compress (size-matched) takes %.2fx the time of one plain psnr encode%n",
                    byName.get("sieve semantic").medianMs() / byName.get("sieve psnr").medianMs());
        }
        out.flush();
        return 0;
    }

    /** kodim07 enlarged to 4352×2902 (12.6 MP). */
    private static Planar enlargedKodim() {
        return Resample.resize(SamplePhotos.kodim07(), 4352, 2902).quantized8();
    }

    @FunctionalInterface
    private interface Encode {
        long run() throws Exception;
    }

    /** Warm-up rounds, then timed rounds; each round runs every encoder once, so load changes hit all alike. */
    private List<Row> time(Map<String, Encode> encoders, double mp) throws Exception {
        int n = encoders.size();
        List<Encode> list = new ArrayList<>(encoders.values());
        long[] bytes = new long[n];
        double[][] ms = new double[n][runs];
        try (ProgressBar pb = Progress.bar("bench jpeg", (long) (warmup + runs) * n)) {
            for (int round = 0; round < warmup + runs; round++) {
                for (int e = 0; e < n; e++) {
                    long t0 = System.nanoTime();
                    bytes[e] = list.get(e).run();
                    double t = (System.nanoTime() - t0) / 1e6;
                    if (round >= warmup) {
                        ms[e][round - warmup] = t;
                    }
                    pb.step();
                }
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
    private static SaliencyMap centreEllipse(int w, int h) {
        float[] v = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double dx = (x + 0.5 - w / 2.0) / (w / 4.0), dy = (y + 0.5 - h / 2.0) / (h / 4.0);
                v[y * w + x] = dx * dx + dy * dy < 1 ? 1f : 0f;
            }
        }
        return new SaliencyMap(w, h, v);
    }

    static boolean onPath(String tool) {
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
