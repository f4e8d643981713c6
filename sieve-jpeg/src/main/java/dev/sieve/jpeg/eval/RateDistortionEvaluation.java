package dev.sieve.jpeg.eval;

import dev.sieve.image.Planar;
import dev.sieve.image.metrics.Channels;
import dev.sieve.image.metrics.MsSsim;
import dev.sieve.image.metrics.Psnr;
import dev.sieve.image.metrics.PsnrS;
import dev.sieve.image.metrics.Ssim;
import dev.sieve.image.saliency.SaliencyMap;
import dev.sieve.jpeg.JpegDecoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rate–distortion protocol that compares Sieve's encoders with external JPEG encoders.
 *
 * <p>For each image and each {@link Method} (Sieve methods: a function from a quality q to JPEG
 * bytes supplied by the caller, who decides what q means; baselines: an {@link ExternalEncoder})
 * at every quality of the sweep (default 30, 40, …, 90): encode, decode with
 * {@link JpegDecoder}, and measure bytes, bits per pixel ({@code 8 · bytes / (width · height)}),
 * PSNR, PSNR-S (inside the saliency map, threshold default 0.5), SSIM and MS-SSIM against the
 * original ({@link RdMetric}; luma by default, as {@code QualityReport}). Then
 * {@link RateDistortionReport#of} derives, per image and over images, BD-rate and BD-quality of
 * every Sieve method against every baseline on every metric, and the equal-bytes table at the
 * reference quality. Runs one encode at a time in a fixed order, so results are deterministic.
 */
public final class RateDistortionEvaluation {
    /** Default quality sweep. */
    public static final List<Double> DEFAULT_SWEEP = List.of(30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0);

    /** An image to evaluate: its name (unique in a run), pixels, and saliency map (null: PSNR-S undefined). */
    public record Subject(String name, Planar image, SaliencyMap map) {
        public Subject {
            if (name == null || name.isBlank() || image == null) {
                throw new IllegalArgumentException("a subject needs a name and an image");
            }
        }
    }

    /** An encoder under test: quality in, JPEG bytes out. */
    @FunctionalInterface
    public interface Codec {
        byte[] encode(Subject subject, double quality) throws IOException;
    }

    /** Whether a method is one of Sieve's (compared) or an external baseline (compared against). */
    public enum Kind {
        SIEVE,
        BASELINE
    }

    /**
     * A named encoder in the comparison.
     *
     * @param description what q means for a Sieve method, the command template for a baseline
     */
    public record Method(String name, Kind kind, String description, Codec codec) {
        public Method {
            if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._+-]*")) {
                throw new IllegalArgumentException("method name must be letters, digits and . _ + -, got '" + name + "'");
            }
            if (kind == null || codec == null) {
                throw new IllegalArgumentException(name + ": kind and codec must be given");
            }
            description = description == null ? "" : description;
        }

        /** One of Sieve's encoders. */
        public static Method sieve(String name, String description, Codec codec) {
            return new Method(name, Kind.SIEVE, description, codec);
        }

        /** An external encoder as a baseline. */
        public static Method baseline(ExternalEncoder e) {
            return new Method(e.name(), Kind.BASELINE, e.template(), (s, q) -> e.encode(s.image(), q));
        }
    }

    /**
     * Settings.
     *
     * @param sweep qualities each method is run at (1–100); the reference quality is added when
     *     missing, and the list is sorted
     * @param referenceQuality the q of the equal-bytes table (default 50)
     * @param threshold saliency at or above which a pixel counts for PSNR-S (default 0.5)
     * @param channels planes the metrics compare (default luma)
     */
    public record Config(List<Double> sweep, double referenceQuality, double threshold, Channels channels) {
        public Config {
            if (!(referenceQuality >= 1 && referenceQuality <= 100)) {
                throw new IllegalArgumentException("reference quality must be in [1, 100], got " + referenceQuality);
            }
            TreeSet<Double> qs = new TreeSet<>();
            for (Double q : sweep) {
                if (q == null || !(q >= 1 && q <= 100)) {
                    throw new IllegalArgumentException("sweep qualities must be in [1, 100], got " + q);
                }
                qs.add(q);
            }
            qs.add(referenceQuality);
            if (qs.size() < 2) {
                throw new IllegalArgumentException("the sweep needs at least 2 distinct qualities, got " + qs);
            }
            sweep = List.copyOf(qs);
            if (!(threshold >= 0 && threshold <= 1)) {
                throw new IllegalArgumentException("saliency threshold must be in [0, 1], got " + threshold);
            }
            if (channels == null) {
                throw new IllegalArgumentException("channels must be given");
            }
        }

        /** Sweep 30..90 step 10, reference Q50, threshold 0.5, luma. */
        public static Config defaults() {
            return new Config(DEFAULT_SWEEP, 50, PsnrS.DEFAULT_THRESHOLD, Channels.LUMA);
        }

        public Config withSweep(List<Double> s) {
            return new Config(s, referenceQuality, threshold, channels);
        }

        public Config withReferenceQuality(double q) {
            return new Config(sweep, q, threshold, channels);
        }

        public Config withThreshold(double t) {
            return new Config(sweep, referenceQuality, t, channels);
        }

        public Config withChannels(Channels c) {
            return new Config(sweep, referenceQuality, threshold, c);
        }
    }

    /** All points of one image, in method then sweep order. */
    public record ImageResult(String name, int width, int height, List<RateDistortionReport.Point> points) {
        public ImageResult {
            points = List.copyOf(points);
        }
    }

    private final Config config;
    private final List<Method> methods;

    /**
     * A protocol over {@code methods}, which must hold at least one Sieve method and one baseline,
     * with distinct names.
     */
    public RateDistortionEvaluation(Config config, List<Method> methods) {
        this.config = config;
        this.methods = List.copyOf(methods);
        Set<String> names = new HashSet<>();
        for (Method m : this.methods) {
            if (!names.add(m.name())) {
                throw new IllegalArgumentException("two methods are called '" + m.name() + "'");
            }
        }
        if (this.methods.stream().noneMatch(m -> m.kind() == Kind.SIEVE)) {
            throw new IllegalArgumentException("the comparison needs at least one Sieve method");
        }
        if (this.methods.stream().noneMatch(m -> m.kind() == Kind.BASELINE)) {
            throw new IllegalArgumentException("the comparison needs at least one baseline");
        }
    }

    public Config config() {
        return config;
    }

    public List<Method> methods() {
        return methods;
    }

    /** Number of encodes {@link #evaluate} makes per image (methods × qualities). */
    public int encodesPerImage() {
        return methods.size() * config.sweep().size();
    }

    /**
     * Runs every method at every quality on one image.
     *
     * @param afterEncode called after each encode is measured (progress)
     * @throws IOException (one line, naming method, quality and image) when an encoder fails
     */
    public ImageResult evaluate(Subject s, Runnable afterEncode) throws IOException {
        Planar img = s.image();
        List<RateDistortionReport.Point> points = new ArrayList<>();
        for (Method m : methods) {
            for (double q : config.sweep()) {
                String where = m.name() + " at q " + ExternalEncoder.formatQuality(q) + " on " + s.name();
                byte[] jpeg;
                Planar back;
                try {
                    jpeg = m.codec().encode(s, q);
                    if (jpeg == null || jpeg.length == 0) {
                        throw new IOException("no output");
                    }
                    back = JpegDecoder.decode(jpeg);
                    Channels.requireSameSize(img, back);
                } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
                    String why = oneLine(e);
                    throw new IOException(where + ": " + (why.startsWith(m.name() + ": ")
                            ? why.substring(m.name().length() + 2) : why), e);
                }
                points.add(measure(s, m.name(), q, jpeg.length, back));
                afterEncode.run();
            }
        }
        return new ImageResult(s.name(), img.width(), img.height(), points);
    }

    /** Evaluates every subject, then builds the report. */
    public RateDistortionReport run(Iterable<Subject> subjects, Runnable afterEncode) throws IOException {
        List<ImageResult> results = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Subject s : subjects) {
            if (!seen.add(s.name())) {
                throw new IllegalArgumentException("two images are called '" + s.name() + "'");
            }
            results.add(evaluate(s, afterEncode));
        }
        return report(results);
    }

    /** BD and equal-bytes tables of already evaluated images. */
    public RateDistortionReport report(List<ImageResult> results) {
        return RateDistortionReport.of(config, methods, results);
    }

    /** The metrics of one decoded file, with the conventions of {@code QualityReport}. */
    private RateDistortionReport.Point measure(Subject s, String method, double q, long bytes, Planar back) {
        Planar img = s.image();
        int w = img.width(), h = img.height();
        Channels ch = config.channels();
        double psnr = Psnr.of(img, back, ch);
        double psnrS = s.map() == null ? Double.NaN : PsnrS.of(img, back, s.map(), config.threshold(), ch);
        // Ssim's window is 11×11: smaller images have no window position (QualityReport's rule)
        double ssim = w >= 11 && h >= 11 ? Ssim.of(img, back, ch) : Double.NaN;
        double msSsim = MsSsim.fits(w, h) ? MsSsim.of(img, back, ch) : Double.NaN;
        return new RateDistortionReport.Point(s.name(), method, q, bytes, 8.0 * bytes / ((double) w * h), psnr, psnrS, ssim,
                msSsim);
    }

    private static String oneLine(Throwable e) {
        Throwable t = e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : e;
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.replace('\n', ' ').strip();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "RateDistortionEvaluation(%d methods, sweep %s)", methods.size(), config.sweep());
    }
}
