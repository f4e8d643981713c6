package dev.sieve.cli;

import dev.sieve.image.Planar;
import dev.sieve.image.bench.DefenseTimings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sieve bench wavelet}: {@link DefenseTimings} against scikit-image's {@code denoise_wavelet} and the
 * author's pure-Python deflection loop timed in the same run through {@code /usr/bin/python3}.
 */
@Command(
        name = "wavelet",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Times wavelet denoising and pixel deflection against scikit-image and the author's Python code.",
            "",
            "Times BayesShrink wavelet denoising (thesis defaults) and pixel deflection " +
            "(K=100, r=10) on kodim07 resized to 224x224 and 4240x2832 (12 MP), and the " +
            "same denoise_wavelet call in scikit-image plus the author's Python " +
            "deflection (via /usr/bin/python3) in the same run; prints the best of N " +
            "runs in milliseconds and the speed-up."
        })
public final class BenchWaveletCommand implements Callable<Integer> {
    private static final String HINT = "the baseline needs " + PythonScript.PYTHON
            + " with scikit-image (apt-get install python3-skimage); --skip-baseline times Sieve alone";

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "30", description = "Timed runs at 224x224 (default: ${DEFAULT-VALUE}); 12 MP uses N/6, at least 5.")
    int repeats;

    @Option(names = "--skip-large", description = "Only the 224x224 image.")
    boolean skipLarge;

    @Option(names = "--skip-baseline", description = "Do not run scikit-image (no ratios).")
    boolean skipBaseline;

    @Override
    public Integer call() throws Exception {
        if (repeats < 1 || repeats > 10_000) {
            throw new UsageError("--repeats must be 1..10000, got " + repeats);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Java %s, %d CPUs; best of N timed runs after warm-up, both sides%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors());
        out.printf(Locale.ROOT, "%-11s %-22s %12s %14s %9s%n", "image", "operation", "Sieve ms", "baseline ms", "speed-up");
        for (Planar img : DefenseTimings.images(!skipLarge)) {
            int n = DefenseTimings.rounds(img, repeats);
            String size = img.width() + "x" + img.height();
            double[] t = DefenseTimings.time(img, n);
            double[] base = skipBaseline ? null : baseline(img, n);
            double[] baseMs = base == null ? new double[] {Double.NaN, Double.NaN, Double.NaN} : new double[] {base[0], base[1], base[0] + base[1]};
            for (int k = 0; k < t.length; k++) {
                row(out, size, DefenseTimings.OPERATIONS.get(k), t[k], baseMs[k]);
            }
            out.flush();
        }
        out.println("baselines: scikit-image " + (skipBaseline ? "-" : pythonVersions())
                + " denoise_wavelet(x, sigma=0.04, wavelet='db1', mode='soft', convert2ycbcr=True,"
                + " method='BayesShrink', channel_axis=-1); deflection: the author's Python loop (per channel)");
        out.flush();
        return 0;
    }

    private static void row(PrintWriter out, String size, String op, double ms, double baseMs) {
        out.printf(Locale.ROOT, "%-11s %-22s %12.3f %14s %9s%n", size, op, ms,
                Double.isNaN(baseMs) ? "-" : String.format(Locale.ROOT, "%.3f", baseMs),
                Double.isNaN(baseMs) ? "-" : String.format(Locale.ROOT, "%.1fx", baseMs / ms));
    }

    /** scikit-image denoise and Python deflection, best of n runs in ms, measured now on {@code img}. */
    private static double[] baseline(Planar img, int n) throws IOException, InterruptedException {
        Path data = Files.createTempFile("sieve-bench", ".f64");
        try {
            int px = img.pixels();
            ByteBuffer b = ByteBuffer.allocate(px * 3 * 8).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < px; i++) {
                for (int c = 0; c < 3; c++) {
                    b.putDouble(img.plane(c)[i] / 255.0);
                }
            }
            Files.write(data, b.array());
            String text = PythonScript.run("bench_wavelet.py", List.of(data.toString(), "" + img.height(), "" + img.width(), "" + n),
                    Map.of(), HINT);
            String[] t = text.strip().split("\\s+");
            return new double[] {Double.parseDouble(t[t.length - 2]), Double.parseDouble(t[t.length - 1])};
        } finally {
            Files.deleteIfExists(data);
        }
    }

    private static String pythonVersions() {
        try {
            return PythonScript.python(List.of("-c", "import skimage, numpy; print(skimage.__version__ + ' (NumPy ' + numpy.__version__ + ')')"),
                    Map.of(), "scikit-image baseline failed", HINT).strip();
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }
}
