package dev.sieve.jpeg.eval;

import dev.sieve.image.Planar;
import dev.sieve.image.io.ImageFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A JPEG encoder outside Sieve (libjpeg-turbo's or mozjpeg's {@code cjpeg}, {@code jpegli}, …) run
 * as a process from a command template, the baseline of a {@link RateDistortionEvaluation}.
 *
 * <p>The template is split into words with a small subset of POSIX shell quoting (no shell runs):
 * blanks separate words; {@code '…'} is literal; inside {@code "…"} a backslash escapes {@code "}
 * and {@code \}; outside quotes a backslash escapes the next character. Then, inside every word,
 * {@code {q}} becomes the quality ({@code 50}, or {@code 52.5} when not whole), and
 * {@code {in}} / {@code {out}} the paths of temporary files. {@code {q}} is required. Without
 * {@code {in}} the image goes to the command's standard input, without {@code {out}} the JPEG is
 * read from its standard output. The image is written as binary PNM: P6 (RGB) or P5 (grayscale),
 * maxval 255, samples rounded half up and clamped as {@link ImageFiles#clamp8} does.
 *
 * <p>A command that cannot start, exits non-zero, runs past the timeout (default
 * {@value #DEFAULT_TIMEOUT_SECONDS} s) or writes something that does not start with the JPEG SOI
 * marker {@code FF D8} fails with a one-line {@link IOException} naming the encoder, the command
 * and the last lines of its standard error.
 */
public final class ExternalEncoder {
    /** Default time limit of one encode, seconds. */
    public static final long DEFAULT_TIMEOUT_SECONDS = 120;
    /** What a name may hold: it becomes a CSV field and a JSON key. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");

    private final String name;
    private final String template;
    private final List<String> words;
    private final Duration timeout;

    /**
     * An encoder called {@code name} running {@code template}.
     *
     * @throws IllegalArgumentException for a bad name, an empty or badly quoted template, or one without {@code {q}}
     */
    public ExternalEncoder(String name, String template) {
        this(name, template, Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS));
    }

    private ExternalEncoder(String name, String template, Duration timeout) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("encoder name must be letters, digits and . _ + - (starting with a letter"
                    + " or digit), got '" + name + "'");
        }
        this.words = split(template);
        if (words.isEmpty()) {
            throw new IllegalArgumentException(name + ": the command is empty");
        }
        if (words.stream().noneMatch(w -> w.contains("{q}"))) {
            throw new IllegalArgumentException(name + ": the command must contain {q} where the quality goes, got '"
                    + template + "'");
        }
        if (!(timeout.toMillis() > 0)) {
            throw new IllegalArgumentException(name + ": timeout must be positive, got " + timeout);
        }
        this.name = name;
        this.template = template;
        this.timeout = timeout;
    }

    /**
     * Parses {@code NAME=COMMAND}, e.g. {@code cjpeg=cjpeg -optimize -quality {q}}.
     *
     * @throws IllegalArgumentException when there is no {@code =} or either side is bad
     */
    public static ExternalEncoder parse(String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("expected NAME=COMMAND (e.g. 'cjpeg=cjpeg -optimize -quality {q}'), got '"
                    + spec + "'");
        }
        return new ExternalEncoder(spec.substring(0, eq).strip(), spec.substring(eq + 1));
    }

    /** The same encoder with another time limit per encode. */
    public ExternalEncoder withTimeout(Duration t) {
        return new ExternalEncoder(name, template, t);
    }

    public String name() {
        return name;
    }

    /** The command template as given. */
    public String template() {
        return template;
    }

    public Duration timeout() {
        return timeout;
    }

    /** The argument vector for {@code quality}, with {@code {in}} and {@code {out}} replaced by the given paths (if not null). */
    public List<String> command(double quality, Path in, Path out) {
        String q = formatQuality(quality);
        List<String> argv = new ArrayList<>(words.size());
        for (String w : words) {
            String a = w.replace("{q}", q);
            if (in != null) {
                a = a.replace("{in}", in.toString());
            }
            if (out != null) {
                a = a.replace("{out}", out.toString());
            }
            argv.add(a);
        }
        return argv;
    }

    /** True when the template names an input file ({@code {in}}) instead of reading standard input. */
    public boolean readsFile() {
        return words.stream().anyMatch(w -> w.contains("{in}"));
    }

    /** True when the template names an output file ({@code {out}}) instead of writing standard output. */
    public boolean writesFile() {
        return words.stream().anyMatch(w -> w.contains("{out}"));
    }

    /**
     * Encodes {@code img} at {@code quality}; returns the JPEG bytes.
     *
     * @throws IOException (one line) when the command cannot run, fails, times out or writes no JPEG
     */
    public byte[] encode(Planar img, double quality) throws IOException {
        byte[] pnm = toPnm(img);
        Path tmp = readsFile() || writesFile() ? Files.createTempDirectory("sieve-" + name + "-") : null;
        try {
            Path in = readsFile() ? tmp.resolve(img.channels() == 1 ? "input.pgm" : "input.ppm") : null;
            Path out = writesFile() ? tmp.resolve("output.jpg") : null;
            if (in != null) {
                Files.write(in, pnm);
            }
            List<String> argv = command(quality, in, out);
            byte[] stdout = run(argv, in == null ? pnm : null);
            byte[] jpeg;
            if (out != null) {
                if (!Files.isRegularFile(out)) {
                    throw new IOException(name + ": `" + show(argv) + "` did not write its output file {out}");
                }
                jpeg = Files.readAllBytes(out);
            } else {
                jpeg = stdout;
            }
            if (jpeg.length < 2 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
                throw new IOException(name + ": `" + show(argv) + "` did not write a JPEG (" + jpeg.length + " bytes"
                        + (jpeg.length >= 2 ? String.format(Locale.ROOT, ", starting %02X %02X", jpeg[0] & 0xFF, jpeg[1] & 0xFF) : "")
                        + "; a JPEG starts with FF D8)");
            }
            return jpeg;
        } finally {
            if (tmp != null) {
                deleteTree(tmp);
            }
        }
    }

    /** Runs {@code argv}, feeding {@code stdin} (or nothing), and returns its standard output. */
    private byte[] run(List<String> argv, byte[] stdin) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(argv).start();
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            int i = why.indexOf("error=");
            throw new IOException(name + ": cannot run `" + argv.get(0) + "`"
                    + (i >= 0 ? ": " + why.substring(i).replaceFirst("error=\\d+, ", "") : ": " + why.replace('\n', ' ')));
        }
        FutureTask<byte[]> out = drain(p.getInputStream(), Integer.MAX_VALUE);
        FutureTask<byte[]> err = drain(p.getErrorStream(), 1 << 16);
        Thread writer = new Thread(() -> {
            try (OutputStream os = p.getOutputStream()) {
                if (stdin != null) {
                    os.write(stdin);
                }
            } catch (IOException ignored) {
                // the command stopped reading (it failed or needs no input); its exit status tells
            }
        }, "sieve-" + name + "-stdin");
        writer.setDaemon(true);
        writer.start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                throw new IOException(name + ": `" + show(argv) + "` did not finish within " + seconds(timeout) + " s");
            }
            byte[] stdout = out.get(10, TimeUnit.SECONDS);
            byte[] stderr = err.get(10, TimeUnit.SECONDS);
            int rc = p.exitValue();
            if (rc != 0) {
                throw new IOException(name + ": `" + show(argv) + "` exited with status " + rc + ": " + tail(stderr));
            }
            return stdout;
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(name + ": interrupted");
        } catch (ExecutionException | TimeoutException e) {
            p.destroyForcibly();
            throw new IOException(name + ": cannot read the output of `" + show(argv) + "`: " + e);
        }
    }

    /** Reads a stream to its end on a daemon thread, keeping at most the last {@code keep} bytes. */
    private FutureTask<byte[]> drain(InputStream in, int keep) {
        FutureTask<byte[]> task = new FutureTask<>(() -> {
            try (in) {
                if (keep == Integer.MAX_VALUE) {
                    return in.readAllBytes();
                }
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                byte[] chunk = new byte[8192];
                for (int n; (n = in.read(chunk)) > 0; ) {
                    buf.write(chunk, 0, n);
                    if (buf.size() > 2 * keep) {
                        byte[] b = buf.toByteArray();
                        buf.reset();
                        buf.write(b, b.length - keep, keep);
                    }
                }
                return buf.toByteArray();
            }
        });
        Thread t = new Thread(task, "sieve-" + name + "-drain");
        t.setDaemon(true);
        t.start();
        return task;
    }

    /** The last (at most 3) non-blank lines of a command's standard error, joined by " | ", at most 300 characters. */
    static String tail(byte[] stderr) {
        List<String> lines = new String(stderr, StandardCharsets.UTF_8).lines().map(String::strip)
                .filter(l -> !l.isEmpty()).toList();
        if (lines.isEmpty()) {
            return "(nothing on standard error)";
        }
        String s = String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        return s.length() <= 300 ? s : "…" + s.substring(s.length() - 299);
    }

    /**
     * Splits a command line into words: blanks separate, {@code '…'} is literal, {@code "…"} allows
     * {@code \"} and {@code \\}, a backslash outside quotes escapes the next character.
     *
     * @throws IllegalArgumentException for an unterminated quote or a trailing backslash
     */
    public static List<String> split(String line) {
        if (line == null) {
            throw new IllegalArgumentException("the command is missing");
        }
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated ' in command: " + line);
                }
                w.append(line, i + 1, end);
                i = end;
                inWord = true;
            } else if (c == '"') {
                int j = i + 1;
                for (; j < line.length() && line.charAt(j) != '"'; j++) {
                    char d = line.charAt(j);
                    if (d == '\\' && j + 1 < line.length() && (line.charAt(j + 1) == '"' || line.charAt(j + 1) == '\\')) {
                        w.append(line.charAt(++j));
                    } else {
                        w.append(d);
                    }
                }
                if (j >= line.length()) {
                    throw new IllegalArgumentException("unterminated \" in command: " + line);
                }
                i = j;
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 >= line.length()) {
                    throw new IllegalArgumentException("trailing \\ in command: " + line);
                }
                w.append(line.charAt(++i));
                inWord = true;
            } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(w.toString());
        }
        return words;
    }

    /** {@code 50} for a whole quality, else the shortest decimal ({@code 52.5}). */
    public static String formatQuality(double q) {
        return q == Math.rint(q) && Math.abs(q) < 1e9 ? Long.toString((long) q) : Double.toString(q);
    }

    /** Binary PNM of {@code img}: P5 for one channel, P6 for three; maxval 255. */
    public static byte[] toPnm(Planar img) {
        int w = img.width(), h = img.height(), c = img.channels();
        if (c != 1 && c != 3) {
            throw new IllegalArgumentException("PNM needs a grayscale or RGB image, got " + c + " channels");
        }
        byte[] header = ((c == 1 ? "P5" : "P6") + "\n" + w + " " + h + "\n255\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[header.length + w * h * c];
        System.arraycopy(header, 0, out, 0, header.length);
        for (int k = 0; k < c; k++) {
            float[] p = img.plane(k);
            for (int i = 0, o = header.length + k; i < w * h; i++, o += c) {
                out[o] = (byte) ImageFiles.clamp8(p[i]);
            }
        }
        return out;
    }

    /** The command as one line, words with blanks or quotes in single quotes. */
    private static String show(List<String> argv) {
        StringBuilder sb = new StringBuilder();
        for (String a : argv) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(a.isEmpty() || a.matches(".*[\\s'\"\\\\].*") ? "'" + a.replace("'", "'\\''") + "'" : a);
        }
        return sb.toString();
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? Long.toString(d.toSeconds()) : Double.toString(d.toMillis() / 1000.0);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException ignored) {
                    // best effort: a temp file left behind is harmless
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }

    @Override
    public String toString() {
        return name + "=" + template;
    }
}
