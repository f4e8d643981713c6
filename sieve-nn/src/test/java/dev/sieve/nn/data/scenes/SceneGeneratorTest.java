package dev.sieve.nn.data.scenes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.image.Planar;
import dev.sieve.nn.data.scenes.CutoutLibrary.Split;
import dev.sieve.nn.data.scenes.SceneGenerator.Placement;
import dev.sieve.nn.data.scenes.SceneGenerator.Scene;
import dev.sieve.nn.data.scenes.SceneGenerator.SceneObject;
import dev.sieve.nn.data.scenes.SceneGenerator.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SceneGeneratorTest {
    @TempDir
    Path dir;

    private SceneGenerator generator(Settings settings) throws IOException {
        CutoutLibrary lib = CutoutLibrary.fromFolder(TinyData.objects(dir.resolve("obj")), List.of(), Split.ALL, 64);
        List<Path> files = SceneGenerator.backgroundFiles(List.of(TinyData.backgrounds(dir.resolve("bg"), 3, 90, 70)), Split.ALL);
        return new SceneGenerator(lib, SceneGenerator.loadBackgrounds(files, settings.size()), settings);
    }

    @Test
    void sameSeedGivesTheSameSceneAndAnotherSeedAnotherOne() throws IOException {
        SceneGenerator g = generator(new Settings(48, 3, 0.25, 0.6, 0.25));
        Scene a = g.scene(5, 1), b = g.scene(5, 1), c = g.scene(6, 1), d = g.scene(5, 2);
        assertThat(a.image()).isEqualTo(b.image());
        assertThat(a.mask()).isEqualTo(b.mask());
        assertThat(a.objects().toString()).isEqualTo(b.objects().toString());
        assertThat(c.image()).isNotEqualTo(a.image());
        assertThat(d.image()).isNotEqualTo(a.image());
    }

    @Test
    void objectsHaveDistinctClassesStayInsideWithinScaleAndVisible() throws IOException {
        Settings st = new Settings(64, 3, 0.3, 0.5, 0.25);
        SceneGenerator g = generator(st);
        Set<Integer> counts = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            Scene s = g.scene(1, i);
            counts.add(s.objects().size());
            assertThat(s.image().width()).isEqualTo(64);
            for (float v : s.image().plane(0)) {
                assertThat(v).isBetween(0f, 255f).isEqualTo((float) Math.round(v));
            }
            assertThat(new HashSet<>(s.classes())).hasSameSizeAs(s.classes());
            for (int k = 0; k < s.objects().size(); k++) {
                SceneObject o = s.objects().get(k);
                assertThat(o.x()).isBetween(0, 64 - o.width());
                assertThat(o.y()).isBetween(0, 64 - o.height());
                assertThat(Math.max(o.width(), o.height())).isBetween(19, 32);
                assertThat(o.visiblePixels()).isGreaterThanOrEqualTo((int) Math.ceil(0.25 * o.pixels()));
                final int id = k + 1;
                assertThat(Arrays.stream(s.mask()).filter(v -> v == id).count()).isEqualTo(o.visiblePixels());
            }
        }
        assertThat(counts).containsExactlyInAnyOrder(1, 2, 3);
    }

    @Test
    void laterObjectsHideEarlierOnesAndOnlyAlphaFromHalfCounts() {
        // A: 10x10 opaque; B: 10x10 whose left column is alpha 0.4 (drawn but not an object pixel)
        float[] a = new float[100], b = new float[100];
        Arrays.fill(a, 1f);
        Arrays.fill(b, 1f);
        for (int y = 0; y < 10; y++) {
            b[y * 10] = 0.4f;
        }
        Cutout ca = new Cutout("a", solid(10, 10, 200), a, "a.png");
        Cutout cb = new Cutout("b", solid(10, 10, 100), b, "b.png");
        Planar bg = solid(20, 20, 0);
        Scene s = SceneGenerator.compose(bg, List.of(new Placement(ca, 0, 0, 10, 10, false),
                new Placement(cb, 5, 5, 10, 10, false)));
        SceneObject oa = s.objects().get(0), ob = s.objects().get(1);
        // B's opaque part covers x 6..14, y 5..14: 4x5 = 20 of A's pixels
        assertThat(oa.pixels()).isEqualTo(100);
        assertThat(oa.visiblePixels()).isEqualTo(80);
        assertThat(ob.pixels()).isEqualTo(90);
        assertThat(ob.visiblePixels()).isEqualTo(90);
        assertThat(ob.box()).isEqualTo(new Box(6, 5, 9, 10));
        assertThat(s.mask()[5 * 20 + 5]).isEqualTo(1);
        assertThat(s.mask()[5 * 20 + 6]).isEqualTo(2);
        // at (5,5) B's alpha 0.4 blends over A: 0.4*100 + 0.6*200
        assertThat(s.image().get(0, 5, 5)).isEqualTo(160f);
        assertThat(s.image().get(0, 19, 19)).isEqualTo(0f);
        assertThat(bg.get(0, 5, 5)).isEqualTo(0f);
    }

    @Test
    void flippedPlacementMirrorsTheCutOut() {
        float[] al = new float[8];
        Arrays.fill(al, 1f);
        al[0] = 0f;
        Cutout c = new Cutout("c", solid(4, 2, 255), al, "c.png");
        Scene s = SceneGenerator.compose(solid(4, 2, 0), List.of(new Placement(c, 0, 0, 4, 2, true)));
        assertThat(s.mask()).containsExactly(1, 1, 1, 0, 1, 1, 1, 1);
    }

    @Test
    void backgroundsSplitByNameAndWallpaperVersionsCountAsOnePhoto() throws IOException {
        Path bg = TinyData.backgrounds(dir.resolve("bg"), 10, 20, 20);
        List<Path> train = SceneGenerator.backgroundFiles(List.of(bg), Split.TRAIN);
        List<Path> test = SceneGenerator.backgroundFiles(List.of(bg), Split.TEST);
        assertThat(train).hasSize(8);
        assertThat(test).hasSize(2).doesNotContainAnyElementsOf(train);
        assertThat(SceneGenerator.backgroundFiles(List.of(bg.resolve("bg3.png")), Split.TEST)).hasSize(1);

        Path wp = dir.resolve("wallpapers");
        for (String theme : List.of("Autumn", "Kite")) {
            for (String f : List.of("images/1280x1024.png", "images/640x480.png", "images/1080x1920.png",
                    "images_dark/1280x1024.png", "screenshot.png")) {
                Path p = wp.resolve(theme).resolve("contents").resolve(f);
                Files.createDirectories(p.getParent());
                Files.copy(bg.resolve("bg0.png"), p);
            }
        }
        List<Path> all = SceneGenerator.backgroundFiles(List.of(wp), Split.ALL);
        assertThat(all).hasSize(2).allSatisfy(p -> assertThat(p.toString()).endsWith("contents/images/1280x1024.png"));
        assertThat(SceneGenerator.backgroundNames(all)).containsExactly("Autumn/contents/images/1280x1024.png",
                "Kite/contents/images/1280x1024.png");
        assertThat(SceneGenerator.splitNames(all)).containsExactly("Autumn", "Kite");
    }

    private static Planar solid(int w, int h, float v) {
        float[] p = new float[w * h];
        Arrays.fill(p, v);
        return new Planar(w, h, p, p.clone(), p.clone());
    }
}
