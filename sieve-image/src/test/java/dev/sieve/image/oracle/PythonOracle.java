package dev.sieve.image.oracle;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a reference computation in Debian's {@code /usr/bin/python3} (which has PyWavelets 1.1.1,
 * scikit-image 0.19.3, NumPy and SciPy; {@code scripts/test} installs them) and exchanges arrays
 * with it as raw little-endian float64 files in a folder. The script gets that folder as
 * {@code sys.argv[1]}.
 */
public final class PythonOracle {
    public static final String PYTHON = "/usr/bin/python3";

    private final Path dir;

    public PythonOracle(Path dir) {
        this.dir = dir;
    }

    /** Writes {@code values} to {@code name} in the exchange folder. */
    public void put(String name, double[] values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(values);
        Files.write(dir.resolve(name), b.array());
    }

    /** Reads float64 values the script wrote to {@code name}. */
    public double[] get(String name) throws IOException {
        byte[] bytes = Files.readAllBytes(dir.resolve(name));
        double[] v = new double[bytes.length / 8];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(v);
        return v;
    }

    /** Runs {@code script}; returns its standard output, fails with its error output. */
    public String run(String script, String... args) throws IOException, InterruptedException {
        Path file = dir.resolve("oracle.py");
        Files.writeString(file, script);
        List<String> cmd = new ArrayList<>(List.of(PYTHON, file.toString(), dir.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("python oracle timed out");
        }
        String text = new String(out, java.nio.charset.StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException("python oracle failed:\n" + text);
        }
        return text;
    }
}
