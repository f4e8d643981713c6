package dev.sieve.nn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.image.Planar;
import dev.sieve.image.io.ImageFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {
    @TempDir
    Path dir;

    private void png(String rel, float r, float g, float b) throws IOException {
        Path f = dir.resolve(rel);
        Files.createDirectories(f.getParent());
        float[] rp = new float[16], gp = new float[16], bp = new float[16];
        java.util.Arrays.fill(rp, r);
        java.util.Arrays.fill(gp, g);
        java.util.Arrays.fill(bp, b);
        ImageFiles.writePng(new Planar(4, 4, rp, gp, bp), f);
    }

    @Test
    void classPerFolderWithSharedFileNamesAsMultiLabel() throws IOException {
        png("root/cat/a.png", 255, 0, 0);
        png("root/dog/b.png", 0, 255, 0);
        png("root/dog/a.png", 255, 0, 0);
        png("root/zebra/c.png", 0, 0, 255);
        Files.writeString(dir.resolve("root/zebra/notes.txt"), "not an image");
        ImageFolder d = ImageFolder.open(dir.resolve("root"), 3, 2);
        assertThat(d.classes()).containsExactly("cat", "dog", "zebra");
        assertThat(d.size()).isEqualTo(3);
        assertThat(d.labels(0)).containsExactly(0, 1);
        assertThat(d.label(0)).isZero();
        assertThat(d.labels(1)).containsExactly(1);
        assertThat(d.labels(2)).containsExactly(2);
        float[] img = new float[12];
        d.pixels(2, img, 0);
        assertThat(img).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 255, 255);
    }

    @Test
    void trainAndTestSubfoldersAreTheSplits() throws IOException {
        png("set/train/x/1.png", 10, 10, 10);
        png("set/train/y/2.png", 10, 10, 10);
        png("set/val/x/3.png", 10, 10, 10);
        assertThat(DataSets.open(dir.resolve("set").toString(), true, 1, 4).size()).isEqualTo(2);
        assertThat(DataSets.open(dir.resolve("set").toString(), false, 1, 4).size()).isEqualTo(1);
    }

    @Test
    void brokenImageNamesTheFileAndEmptyFoldersAreRefused() throws IOException {
        png("r/x/ok.png", 1, 2, 3);
        Files.writeString(dir.resolve("r/x/bad.png"), "garbage");
        ImageFolder d = ImageFolder.open(dir.resolve("r"), 3, 4);
        assertThatThrownBy(() -> d.pixels(0, new float[48], 0)).isInstanceOf(UncheckedIOException.class).hasMessageContaining("bad.png");
        Files.createDirectories(dir.resolve("empty/a"));
        assertThatThrownBy(() -> ImageFolder.open(dir.resolve("empty"), 3, 4)).hasMessageContaining("no images");
        assertThatThrownBy(() -> DataSets.open(dir.resolve("missing").toString(), true, 3, 4)).hasMessageContaining("missing");
    }
}
