package dev.sieve.cli;

import dev.sieve.image.Planar;
import dev.sieve.image.Resample;
import dev.sieve.image.deflection.PixelDeflection;
import dev.sieve.image.io.SamplePhotos;
import dev.sieve.image.wavelet.WaveletDenoiser;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sieve bench wavelet}: the thesis' defense (pixel deflection K=100, r=10, then BayesShrink
 * soft wavelet denoising in YCbCr, db1, σ = 0.04) timed on the built-in photo resized to 224×224
 * and to about 12 MP, against scikit-image's {@code denoise_wavelet} and the author's pure-Python
 * deflection loop timed in the same run through {@code /usr/bin/python3}.
 */
@Command(
        name = "wavelet",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Times wavelet denoising and pixel deflection against scikit-image and the author's Python code.",
            "",
            "Times BayesShrink wavelet denoising (thesis defaults) and pixel deflection",
            "(K=100, r=10) on kodim07 resized to 224x224 and 4240x2832 (12 MP), and the",
            "same denoise_wavelet call in scikit-image plus the author's Python",
            "deflection (via /usr/bin/python3) in the same run; prints the best of N",
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
        Planar photo = SamplePhotos.kodim07();
        List<Planar> sizes = new ArrayList<>(List.of(Resample.resize(photo, 224, 224).quantized8()));
        if (!skipLarge) {
            sizes.add(Resample.resize(photo, 4240, 2832).quantized8());
        }
        WaveletDenoiser denoiser = new WaveletDenoiser(WaveletDenoiser.Options.thesis());
        PixelDeflection deflection = new PixelDeflection(PixelDeflection.Options.thesis(100, 10));
        out.printf(Locale.ROOT, "Java %s, %d CPUs; best of N timed runs after warm-up, both sides%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors());
        out.printf(Locale.ROOT, "%-11s %-22s %12s %14s %9s%n", "image", "operation", "Sieve ms", "baseline ms", "speed-up");
        for (Planar img : sizes) {
            boolean small = img.pixels() < 1_000_000;
            int n = small ? repeats : Math.max(5, repeats / 6);
            String size = img.width() + "x" + img.height();
            Runnable den0 = () -> denoiser.denoise(img), def0 = () -> deflection.apply(img, 1);
            Runnable both0 = () -> denoiser.denoise(deflection.apply(img, 1));
            warmUp(small ? 3000 : 4000, small ? 300 : 3, den0, def0, both0);
            double[] t = time(n, den0, def0, both0);
            double den = t[0], def = t[1], both = t[2];
            double[] base = skipBaseline ? null : baseline(img, n);
            row(out, size, "denoise (BayesShrink)", den, base == null ? Double.NaN : base[0]);
            row(out, size, "deflect (K=100, r=10)", def, base == null ? Double.NaN : base[1]);
            row(out, size, "deflect + denoise", both, base == null ? Double.NaN : base[0] + base[1]);
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

    /**
     * JIT warm-up: runs the tasks in turn at least {@code rounds} times and for at least {@code ms}
     * milliseconds (on a loaded machine the compiler threads need the rounds, not just the time).
     */
    private static void warmUp(long ms, int rounds, Runnable... tasks) {
        long end = System.nanoTime() + ms * 1_000_000;
        for (int r = 0; r < rounds || System.nanoTime() < end; r++) {
            for (Runnable t : tasks) {
                t.run();
            }
        }
    }

    /**
     * Best (minimum) wall time in milliseconds of each task over {@code n} rounds that run the tasks
     * in turn: on a shared machine the minimum is the least disturbed measure of the code's cost
     * (as Python's {@code timeit} advises); the baseline is measured the same way.
     */
    private static double[] time(int n, Runnable... tasks) {
        double[] best = new double[tasks.length];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < tasks.length; k++) {
                long t0 = System.nanoTime();
                tasks[k].run();
                best[k] = Math.min(best[k], (System.nanoTime() - t0) / 1e6);
            }
        }
        return best;
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
