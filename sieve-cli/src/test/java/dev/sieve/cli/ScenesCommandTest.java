package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenesCommandTest {
    @TempDir
    Path dir;

    private Path objects;
    private Path backgrounds;

    @BeforeEach
    void writeTinyObjectsAndBackgrounds() throws IOException {
        objects = dir.resolve("objects");
        backgrounds = dir.resolve("bg");
        String[] classes = {"cat", "dog"};
        for (int c = 0; c < classes.length; c++) {
            for (int i = 0; i < 5; i++) {
                BufferedImage img = new BufferedImage(36 + i, 36, BufferedImage.TYPE_INT_ARGB);
                for (int y = 4; y < 32; y++) {
                    for (int x = 4; x < 32; x++) {
                        img.setRGB(x, y, 0xFF000000 | (c == 0 ? 0xC03020 : 0x2030C0));
                    }
                }
                Path f = objects.resolve(classes[c]).resolve("o" + i + ".png");
                Files.createDirectories(f.getParent());
                ImageIO.write(img, "png", f.toFile());
            }
        }
        Files.createDirectories(backgrounds);
        for (int k = 0; k < 3; k++) {
            BufferedImage img = new BufferedImage(70, 50, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 50; y++) {
                for (int x = 0; x < 70; x++) {
                    img.setRGB(x, y, (x * 3 << 16) | (y * 5 << 8) | 60 * k);
                }
            }
            ImageIO.write(img, "png", backgrounds.resolve("p" + k + ".png").toFile());
        }
    }

    private String[] args(Path out, String... extra) {
        String[] base = {"scenes", "--objects", objects.toString(), "--backgrounds", backgrounds.toString(),
            "--count", "4", "--size", "32", "--seed", "3", "-d", out.toString()};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    @Test
    void writesAClassFolderSetWithMasksAndAnnotations() throws IOException {
        Path out = dir.resolve("out");
        CliRun r = CliRun.of(args(out, "--split", "all", "--max-objects", "2"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("4 scenes").contains("2 classes");
        assertThat(out.resolve("annotations.json")).exists();
        assertThat(out.resolve("masks/scene-000004.png")).exists();
        try (Stream<Path> s = Files.list(out.resolve("cat"))) {
            long cats = s.count();
            try (Stream<Path> d = Files.list(out.resolve("dog"))) {
                assertThat(cats + d.count()).isBetween(4L, 8L);
            }
        }
    }

    @Test
    void refusesANonEmptyOutWithOneLine() throws IOException {
        Path out = Files.createDirectories(dir.resolve("busy"));
        Files.writeString(out.resolve("x.txt"), "keep");
        CliRun r = CliRun.of(args(out));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("sieve scenes: ").contains("not empty").doesNotContain("\n");
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.count()).isEqualTo(1);
        }
    }

    @Test
    void refusesAnUnknownClassWithOneLineAndWritesNothing() {
        Path out = dir.resolve("new");
        CliRun r = CliRun.of(args(out, "--classes", "cat,unicorn"));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("sieve scenes: unknown class 'unicorn' in " + objects + " (classes: cat, dog)");
        assertThat(out).doesNotExist();
    }

    @Test
    void helpExplainsTheCommand() {
        CliRun r = CliRun.of("scenes", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("multi-object scenes").contains("20 % of the cut-outs").contains("--max-objects");
        CliRun top = CliRun.of("--help");
        assertThat(top.out()).contains("scenes").contains("Makes synthetic multi-object scenes");
    }
}
