package dev.sieve.nn.data.scenes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.nn.data.InMemoryDataset;
import dev.sieve.nn.data.scenes.CutoutLibrary.Split;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CutoutLibraryTest {
    @TempDir
    Path dir;

    @Test
    void loadsTransparentPngsBelowEachClassFolderAndCountsSkippedOnes() throws IOException {
        CutoutLibrary all = CutoutLibrary.fromFolder(TinyData.objects(dir.resolve("obj")), List.of(), Split.ALL, 0);
        assertThat(all.classes()).containsExactly("ball", "box", "stick");
        assertThat(all.of("ball")).hasSize(5).extracting(Cutout::source).contains("ball/small/b0.png", "ball/b4.png");
        assertThat(all.size()).isEqualTo(15);
        assertThat(all.skipped()).containsEntry("no transparency", 1).containsEntry("unreadable", 1)
                .containsEntry("smaller than 24 px", 1);
        Cutout box = all.of("box").get(0);
        // cropped to its opaque square: 36x30 canvas, |dx|,|dy| < 0.4 of it
        assertThat(box.width()).isEqualTo(28);
        assertThat(box.height()).isEqualTo(24);
        assertThat(box.alpha()).containsOnly(1f);
        assertThat(box.rgb().get(2, 0, 0)).isEqualTo(0xD0);
    }

    @Test
    void longCutOutsAreReducedToMaxSide() throws IOException {
        CutoutLibrary lib = CutoutLibrary.fromFolder(TinyData.objects(dir.resolve("obj")), List.of("stick"), Split.ALL, 20);
        assertThat(lib.classes()).containsExactly("stick");
        assertThat(lib.of("stick")).allSatisfy(c -> assertThat(Math.max(c.width(), c.height())).isEqualTo(20));
    }

    @Test
    void splitIsDeterministicDisjointAndHoldsOutAboutOneFifthOfEveryClass() throws IOException {
        Path root = TinyData.objects(dir.resolve("obj"));
        CutoutLibrary train = CutoutLibrary.fromFolder(root, List.of(), Split.TRAIN, 0);
        CutoutLibrary test = CutoutLibrary.fromFolder(root, List.of(), Split.TEST, 0);
        CutoutLibrary again = CutoutLibrary.fromFolder(root, List.of(), Split.TEST, 0);
        for (String c : List.of("ball", "box", "stick")) {
            Set<String> tr = sources(train.of(c)), te = sources(test.of(c));
            assertThat(te).isNotEmpty().doesNotContainAnyElementsOf(tr);
            assertThat(sources(again.of(c))).isEqualTo(te);
        }
        assertThat(train.classes()).isEqualTo(test.classes());

        List<String> names = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            names.add("animals/x" + i + ".png");
        }
        Map<String, Split> s = CutoutLibrary.assignSplits(names);
        assertThat(s.values().stream().filter(v -> v == Split.TEST).count()).isEqualTo(200);
        List<String> reversed = new ArrayList<>(names);
        java.util.Collections.reverse(reversed);
        assertThat(CutoutLibrary.assignSplits(reversed)).isEqualTo(s);
        assertThat(CutoutLibrary.assignSplits(List.of("only.png"))).containsEntry("only.png", Split.TRAIN);
        assertThat(CutoutLibrary.assignSplits(List.of("a.png", "b.png")).values()).containsExactlyInAnyOrder(Split.TRAIN, Split.TEST);
    }

    @Test
    void unknownClassIsRefusedNamingTheKnownOnes() throws IOException {
        Path root = TinyData.objects(dir.resolve("obj"));
        assertThatThrownBy(() -> CutoutLibrary.fromFolder(root, List.of("ball", "cat"), Split.ALL, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown class 'cat'").hasMessageContaining("ball, box, stick");
    }

    @Test
    void grayItemsOnBlackBecomeTintedCutOutsWithAlphaFromBrightness() {
        // two 4x4 items: a 2x2 block of value 20 (alpha 0.5) and 200 (alpha 1) at the centre
        byte[] px = new byte[32];
        for (int item = 0; item < 2; item++) {
            for (int y = 1; y < 3; y++) {
                for (int x = 1; x < 3; x++) {
                    px[item * 16 + y * 4 + x] = (byte) (item == 0 ? 20 : 200);
                }
            }
        }
        InMemoryDataset data = new InMemoryDataset(px, new int[] {0, 1}, 1, 4, 4, List.of("T-shirt/top", "Bag"), "tiny");
        CutoutLibrary lib = CutoutLibrary.fromDataset(data, "tiny", List.of(), Split.ALL, 0, 0, 7);
        assertThat(lib.classes()).containsExactly("T-shirt_top", "Bag");
        Cutout dim = lib.of("T-shirt_top").get(0), bright = lib.of("Bag").get(0);
        assertThat(dim.source()).isEqualTo("tiny/0");
        assertThat(dim.width()).isEqualTo(2);
        assertThat(dim.alpha()).containsOnly(0.5f);
        assertThat(bright.alpha()).containsOnly(1f);
        for (int c = 0; c < 3; c++) {
            assertThat(bright.rgb().get(c, 0, 0) / 200f).isBetween(0.35f, 1f);
            assertThat(dim.rgb().get(c, 0, 0) / 20f).isBetween(0.35f, 1f);
        }
        CutoutLibrary same = CutoutLibrary.fromDataset(data, "tiny", List.of(), Split.ALL, 0, 0, 7);
        assertThat(same.of("Bag").get(0).rgb()).isEqualTo(bright.rgb());
    }

    private static Set<String> sources(List<Cutout> cs) {
        Set<String> s = new HashSet<>();
        cs.forEach(c -> s.add(c.source()));
        return s;
    }
}
