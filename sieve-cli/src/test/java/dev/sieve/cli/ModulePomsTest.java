package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Each module's pom.xml declares the libraries its main sources import, and each dependency once. */
class ModulePomsTest {
    /** Package prefixes of the libraries the modules use, and the Maven group that brings each. */
    static final Map<String, String> GROUPS = Map.of("ai.djl.", "ai.djl", "org.jfree.", "org.jfree", "org.apache.commons.math3.", "org.apache.commons",
            "com.fasterxml.jackson.", "com.fasterxml.jackson", "me.tongfei.", "me.tongfei", "picocli.", "info.picocli", "io.javalin.", "io.javalin",
            "org.apache.spark.", "org.apache.spark");
    static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+);", Pattern.MULTILINE);

    @Test
    void everyImportedLibraryIsDeclaredOnceInItsModule() throws Exception {
        List<String> problems = new ArrayList<>();
        List<Path> modules;
        try (Stream<Path> top = Files.list(DocumentLinksTest.ROOT)) {
            modules = top.filter(p -> p.getFileName().toString().startsWith("sieve-") && Files.isRegularFile(p.resolve("pom.xml"))).sorted().toList();
        }
        assertThat(modules).hasSizeGreaterThanOrEqualTo(8);
        for (Path module : modules) {
            List<String> declared = new ArrayList<>();
            Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(module.resolve("pom.xml").toFile()).getDocumentElement();
            for (Node n = project.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && e.getTagName().equals("dependencies")) {
                    for (Node d = e.getFirstChild(); d != null; d = d.getNextSibling()) {
                        if (d instanceof Element dep) {
                            String id = text(dep, "groupId") + ":" + text(dep, "artifactId") + ":" + text(dep, "classifier");
                            if (declared.contains(id)) {
                                problems.add(module.getFileName() + " declares " + id + " twice");
                            }
                            declared.add(id);
                        }
                    }
                }
            }
            TreeSet<String> used = new TreeSet<>();
            if (Files.isDirectory(module.resolve("src/main/java"))) {
                try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                        Matcher m = IMPORT.matcher(Files.readString(f));
                        while (m.find()) {
                            String imported = m.group(1);
                            GROUPS.forEach((prefix, group) -> {
                                if (imported.startsWith(prefix)) {
                                    used.add(group);
                                }
                            });
                        }
                    }
                }
            }
            for (String group : used) {
                if (declared.stream().noneMatch(id -> id.startsWith(group))) {
                    problems.add(module.getFileName() + " imports " + group + " without declaring it");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    private static String text(Element e, String tag) {
        var list = e.getElementsByTagName(tag);
        return list.getLength() == 0 ? "" : list.item(0).getTextContent().strip();
    }
}
