package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No document points to a file the repository lacks: the Markdown links of README.md and docs/, every
 * {@code docs/…} path and every {@code NAME.md} document named in them, in the main sources and in scripts/
 * (a path checked up to its first placeholder segment in capitals, as {@code docs/results/x/TUNE/}).
 */
class DocumentLinksTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    static final Pattern DOCS_PATH = Pattern.compile("(?<![\\w/.-])docs/[\\w./-]*[\\w]");
    static final Pattern DOCUMENT = Pattern.compile("(?<![\\w/.-])[A-Z]+\\.md\\b");

    @Test
    void everyLinkAndNamedDocumentExists() throws IOException {
        List<Path> markdown = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> docs = Files.walk(ROOT.resolve("docs")); Stream<Path> scripts = Files.list(ROOT.resolve("scripts"));
                Stream<Path> top = Files.list(ROOT)) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(markdown::add);
            scripts.filter(Files::isRegularFile).forEach(sources::add);
            for (Path module : top.filter(p -> p.getFileName().toString().startsWith("sieve-")).toList()) {
                if (Files.isDirectory(module.resolve("src/main"))) {
                    try (Stream<Path> s = Files.walk(module.resolve("src/main"))) {
                        s.filter(p -> p.toString().endsWith(".java")).forEach(sources::add);
                    }
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (Path md : markdown) {
            String text = Files.readString(md);
            Matcher m = LINK.matcher(text);
            while (m.find()) {
                String target = m.group(1).replaceAll("#.*", "");
                if (!target.isEmpty() && !target.matches("[a-z]+:.*") && !Files.exists(md.getParent().resolve(target))) {
                    missing.add(ROOT.relativize(md) + ": link " + m.group(1));
                }
            }
        }
        List<Path> all = new ArrayList<>(markdown);
        all.addAll(sources);
        for (Path f : all) {
            String text = Files.readString(f);
            for (Pattern p : List.of(DOCS_PATH, DOCUMENT)) {
                Matcher m = p.matcher(text);
                while (m.find()) {
                    String path = m.group().replaceAll("/[A-Z][A-Z_]*(/.*)?$", "");
                    if (!Files.exists(ROOT.resolve(path))) {
                        missing.add(ROOT.relativize(f) + ": " + m.group());
                    }
                }
            }
        }
        assertThat(missing).as("references to files the repository does not have").isEmpty();
    }
}
