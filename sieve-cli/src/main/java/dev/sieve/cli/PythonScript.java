package dev.sieve.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Python script shipped in the jar beside the commands (a benchmark's baseline), run by Debian's
 * {@code /usr/bin/python3} from a temporary copy that is deleted afterwards.
 */
final class PythonScript {
    static final String PYTHON = "/usr/bin/python3";

    private PythonScript() {
    }

    /**
     * Runs resource {@code name} (next to this class) with {@code args} and extra environment {@code env};
     * returns its standard output. A missing interpreter or a failed run is an {@link IOException} whose
     * message ends with the script's last line of error output and {@code hint}.
     */
    static String run(String name, List<String> args, Map<String, String> env, String hint) throws IOException, InterruptedException {
        Path script = Files.createTempFile("sieve-" + name.replace(".py", ""), ".py");
        try {
            try (InputStream in = PythonScript.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IOException(name + " is missing from the jar");
                }
                Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            }
            List<String> cmd = new ArrayList<>(List.of(script.toString()));
            cmd.addAll(args);
            return python(cmd, env, name + " failed", hint);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /**
     * Runs {@code /usr/bin/python3 args} with extra environment {@code env}; returns its standard output.
     * A missing interpreter or a failed run is an {@link IOException}: {@code what}, the last line of the
     * error output, then {@code hint}.
     */
    static String python(List<String> args, Map<String, String> env, String what, String hint) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            throw new IOException(PYTHON + " is missing; " + hint);
        }
        Path err = Files.createTempFile("sieve-python", ".log");
        try {
            List<String> cmd = new ArrayList<>(List.of(PYTHON));
            cmd.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(1, TimeUnit.HOURS) || p.exitValue() != 0) {
                p.destroyForcibly();
                String msg = Files.readString(err, StandardCharsets.UTF_8).strip();
                String last = msg.isEmpty() ? "no output" : msg.substring(msg.lastIndexOf('\n') + 1);
                throw new IOException(what + ": " + last + "; " + hint);
            }
            return out;
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
