package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The libraries say what is wrong without naming command-line options: no string in their main sources holds an
 * option such as {@code --models-dir}; the CLI adds those hints ({@link FailureHints}).
 */
class LibraryMessagesTest {
    static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    static final Pattern OPTION = Pattern.compile("(?<![\\w-])--[a-z][a-z-]*[a-z]");

    @Test
    void noLibraryStringNamesAnOption() throws Exception {
        List<String> found = new ArrayList<>();
        List<Path> libraries;
        try (Stream<Path> top = Files.list(DocumentLinksTest.ROOT)) {
            libraries = top.filter(p -> p.getFileName().toString().startsWith("sieve-") && !p.getFileName().toString().equals("sieve-cli")
                    && Files.isDirectory(p.resolve("src/main/java"))).toList();
        }
        assertThat(libraries).hasSizeGreaterThanOrEqualTo(7);
        for (Path module : libraries) {
            try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    for (String line : Files.readAllLines(f)) {
                        String code = line.strip();
                        if (code.startsWith("*") || code.startsWith("//") || code.startsWith("/*")) {
                            continue;
                        }
                        Matcher s = STRING.matcher(code);
                        while (s.find()) {
                            Matcher o = OPTION.matcher(s.group(1));
                            if (o.find()) {
                                found.add(DocumentLinksTest.ROOT.relativize(f) + ": " + o.group());
                            }
                        }
                    }
                }
            }
        }
        assertThat(found).as("command-line options named in library strings").isEmpty();
    }
}
