package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every {@code ./sieve …} command in README.md's shell blocks names a real command with real options
 * and valid option values: each is parsed by the same command line the launcher runs; those that work on
 * one photo ({@link #RUN}) also run, on a temporary copy of their inputs. A command that needs data sets,
 * models or minutes is checked for its syntax, not its effect.
 * {@code [optional]} parts are checked too, without their brackets; comments and redirections are cut.
 */
class ReadmeCommandsTest {
    static List<String> commands(String readme) {
        List<String> out = new ArrayList<>();
        boolean inShell = false;
        StringBuilder pending = null;
        for (String line : readme.split("\n", -1)) {
            if (line.startsWith("```")) {
                inShell = !inShell && line.strip().equals("```bash");
                continue;
            }
            if (!inShell) {
                continue;
            }
            if (pending == null && !line.startsWith("./sieve")) {
                continue;
            }
            String body = line.endsWith("\\") ? line.substring(0, line.length() - 1) : line;
            pending = pending == null ? new StringBuilder(body) : pending.append(' ').append(body.strip());
            if (!line.endsWith("\\")) {
                out.add(pending.toString());
                pending = null;
            }
        }
        return out;
    }

    /** Shell words of {@code command} up to a comment, pipe or redirection; quotes removed, {@code $(…)} kept as one word. */
    static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder w = null;
        char quote = 0;
        int depth = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    w.append(c);
                }
                continue;
            }
            if (c == '$' && i + 1 < command.length() && command.charAt(i + 1) == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            }
            if (depth == 0 && Character.isWhitespace(c)) {
                if (w != null) {
                    words.add(w.toString());
                    w = null;
                }
                continue;
            }
            if (depth == 0 && w == null && (c == '#' || c == '|' || c == '>' || c == '<' || c == '&')) {
                break;
            }
            if (depth == 0 && w != null && (c == '>' || c == '|') && (w.toString().equals("2") || w.isEmpty())) {
                w = null;
                break;
            }
            if (w == null) {
                w = new StringBuilder();
            }
            if (c == '\'' || c == '"') {
                quote = c;
            } else if (depth > 0 || c != '[' && c != ']') {
                w.append(c);
            }
        }
        if (w != null && !w.isEmpty()) {
            words.add(w.toString());
        }
        return words;
    }

    @Test
    void everyReadmeCommandParses() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        List<String> commands = commands(readme);
        assertThat(commands).hasSizeGreaterThan(40);
        List<String> broken = new ArrayList<>();
        for (String c : commands) {
            List<String> w = words(c);
            String[] args = w.subList(1, w.size()).toArray(String[]::new);
            try {
                Sieve.commandLine().parseArgs(args);
            } catch (CommandLine.ParameterException e) {
                broken.add(c + "\n    → " + e.getMessage());
            }
        }
        assertThat(broken).as("README commands that do not parse").isEmpty();
    }

    @Test
    void wordsFollowTheShell() {
        assertThat(words("./sieve a 'x y' \"z\" [--map m.png] # note")).containsExactly("./sieve", "a", "x y", "z", "--map", "m.png");
        assertThat(words("./sieve a --mozjpeg \"$(scripts/build-mozjpeg)\" 2>log")).containsExactly("./sieve", "a", "--mozjpeg",
                "$(scripts/build-mozjpeg)");
        assertThat(words("./sieve a - < in.png > out.jpg")).containsExactly("./sieve", "a", "-");
    }

    /** The README commands that {@link #readmeCommandsOnAPhotoRunAsWritten} runs: their command and first argument. */
    static final List<String> RUN = List.of("compress photo.png", "metrics ref.png", "deflect IN.png", "denoise deflected.png", "defend IN.png");

    /**
     * The README's commands on one photo (compress, metrics, deflect, denoise, defend) run as written, their file
     * names taken in a temporary folder holding the files they read: kodim07 as photo.png, ref.png and IN.png, a
     * saliency map as sal.png and rcam.png, a plain JPEG of it as compressed.jpg. Each exits 0 and writes its outputs.
     */
    @Test
    void readmeCommandsOnAPhotoRunAsWritten(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        dev.sieve.image.Planar photo = dev.sieve.image.io.SamplePhotos.kodim07();
        for (String name : List.of("photo.png", "ref.png", "IN.png")) {
            dev.sieve.image.io.ImageFiles.writePng(photo, dir.resolve(name));
        }
        float[] v = new float[96 * 64];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i % 96) / 95f;
        }
        for (String name : List.of("sal.png", "rcam.png")) {
            dev.sieve.image.io.ImageFiles.writePng(new dev.sieve.image.saliency.SaliencyMap(96, 64, v).toImage(), dir.resolve(name));
        }
        assertThat(CliRun.of("compress", "-o", dir.resolve("compressed.jpg").toString(), "--mode", "plain").exitCode()).isZero();

        List<String> ran = new ArrayList<>();
        for (String c : commands(Files.readString(Path.of("..", "README.md")))) {
            List<String> w = words(c);
            if (w.size() < 3 || !RUN.contains(w.get(1) + " " + w.get(2))) {
                continue;
            }
            List<String> args = new ArrayList<>();
            for (String word : w.subList(1, w.size())) {
                args.add(word.matches("[\\w.-]+\\.(png|jpg)") ? dir.resolve(word).toString() : word);
            }
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertThat(r.exitCode()).as(c + "\n" + r.err()).isZero();
            for (int i = 0; i + 1 < args.size(); i++) {
                if (args.get(i).equals("-o")) {
                    assertThat(Path.of(args.get(i + 1))).as(c).isNotEmptyFile();
                }
            }
            ran.add(c);
        }
        assertThat(ran).as("README commands run").hasSizeGreaterThanOrEqualTo(9);
    }
}
