package dev.sieve.image.bench;

import dev.sieve.image.Planar;
import dev.sieve.image.Resample;
import dev.sieve.image.deflection.PixelDeflection;
import dev.sieve.image.io.SamplePhotos;
import dev.sieve.image.wavelet.WaveletDenoiser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Times of the thesis' defense (ch. 3): BayesShrink soft wavelet denoising in YCbCr (db1, σ = 0.04), pixel
 * deflection (K = 100, r = 10) and the two chained, on kodim07 at 224×224 and 4240×2832 (12 MP). Each time
 * is the best (minimum) of rounds that run the three in turn, after a JIT warm-up: on a shared machine the
 * minimum is the least disturbed measure of the code's cost (as Python's {@code timeit} advises).
 */
public final class DefenseTimings {
    /** The operations timed, in order. */
    public static final List<String> OPERATIONS = List.of("denoise (BayesShrink)", "deflect (K=100, r=10)", "deflect + denoise");

    private DefenseTimings() {
    }

    /** kodim07 resized to 224×224 and, with {@code large}, to 4240×2832 (8-bit values). */
    public static List<Planar> images(boolean large) {
        Planar photo = SamplePhotos.kodim07();
        List<Planar> sizes = new ArrayList<>(List.of(Resample.resize(photo, 224, 224).quantized8()));
        if (large) {
            sizes.add(Resample.resize(photo, 4240, 2832).quantized8());
        }
        return sizes;
    }

    /** Whether {@code img} is the small image (under 1 MP). */
    public static boolean small(Planar img) {
        return img.pixels() < 1_000_000;
    }

    /** Timed rounds on {@code img}: {@code repeats} on the small image, else {@code repeats / 6}, at least 5. */
    public static int rounds(Planar img, int repeats) {
        return small(img) ? repeats : Math.max(5, repeats / 6);
    }

    /** Best milliseconds of the {@link #OPERATIONS} on {@code img} over {@code n} rounds, after the warm-up. */
    public static double[] time(Planar img, int n) {
        WaveletDenoiser denoiser = new WaveletDenoiser(WaveletDenoiser.Options.thesis());
        PixelDeflection deflection = new PixelDeflection(PixelDeflection.Options.thesis(100, 10));
        Runnable den = () -> denoiser.denoise(img), def = () -> deflection.apply(img, 1);
        Runnable both = () -> denoiser.denoise(deflection.apply(img, 1));
        boolean small = small(img);
        warmUp(small ? 3000 : 4000, small ? 300 : 3, den, def, both);
        return best(n, den, def, both);
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

    /** Best (minimum) wall time in milliseconds of each task over {@code n} rounds that run the tasks in turn. */
    private static double[] best(int n, Runnable... tasks) {
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
}
