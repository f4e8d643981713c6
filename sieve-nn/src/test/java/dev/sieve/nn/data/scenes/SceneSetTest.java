package dev.sieve.nn.data.scenes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.nn.data.DataSets;
import dev.sieve.nn.data.ImageDataset;
import dev.sieve.nn.data.ImageFolder;
import dev.sieve.nn.data.scenes.CutoutLibrary.Split;
import dev.sieve.nn.data.scenes.SceneGenerator.Settings;
import dev.sieve.nn.data.scenes.SceneSet.Annotations;
import dev.sieve.nn.data.scenes.SceneSet.ObjectEntry;
import dev.sieve.nn.data.scenes.SceneSet.SceneEntry;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SceneSetTest {
    @TempDir
    Path dir;

    private SceneGenerator generator(Split split) throws IOException {
        Path obj = dir.resolve("obj"), bg = dir.resolve("bg");
        if (!Files.exists(obj)) {
            TinyData.objects(obj);
            TinyData.backgrounds(bg, 5, 80, 60);
        }
        CutoutLibrary lib = CutoutLibrary.fromFolder(obj, List.of(), split, 32);
        return new SceneGenerator(lib, SceneGenerator.loadBackgrounds(SceneGenerator.backgroundFiles(List.of(bg), split), 40),
                new Settings(40, 3, 0.3, 0.6, 0.25));
    }

    private static Map<String, byte[]> files(Path root) throws IOException {
        Map<String, byte[]> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                m.put(root.relativize(f).toString(), Files.readAllBytes(f));
            }
        }
        return m;
    }

    @Test
    void sameSeedWritesIdenticalBytesAndAnotherSeedDiffers() throws IOException {
        SceneGenerator g = generator(Split.TRAIN);
        SceneSet.write(g, 6, 3, Split.TRAIN, dir.resolve("a"), null);
        SceneSet.write(generator(Split.TRAIN), 6, 3, Split.TRAIN, dir.resolve("b"), null);
        SceneSet.write(g, 6, 4, Split.TRAIN, dir.resolve("c"), null);
        Map<String, byte[]> a = files(dir.resolve("a")), b = files(dir.resolve("b")), c = files(dir.resolve("c"));
        assertThat(a.keySet()).isEqualTo(b.keySet()).contains("annotations.json", "masks/scene-000001.png", "masks/scene-000006.png");
        a.forEach((k, v) -> assertThat(b.get(k)).as(k).isEqualTo(v));
        assertThat(c.get("masks/scene-000001.png")).isNotEqualTo(a.get("masks/scene-000001.png"));
        assertThat(c.get("annotations.json")).isNotEqualTo(a.get("annotations.json"));
    }

    @Test
    void annotationsCarryTheirSchemaInSnakeCaseAndTheCamelCaseFormatStillReads() throws IOException {
        Path out = dir.resolve("set");
        SceneSet.write(generator(Split.ALL), 4, 9, Split.ALL, out, null);
        Path file = out.resolve(SceneSet.ANNOTATIONS);
        String json = Files.readString(file);
        com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        assertThat(root.path("schema").asText()).isEqualTo(SceneSet.SCHEMA);
        assertThat(root.path("version").asInt()).isEqualTo(1);
        assertThat(json).contains("\"max_objects\"", "\"visible_pixels\"").doesNotContainPattern("\"[a-z]+[A-Z]\\w*\" :");
        Annotations now = SceneSet.read(out);
        String legacy = json.replaceFirst("\"schema\" : \"sieve.scenes\",\\s*\"version\" : 1", "\"format\" : \"sieve-scenes/1\"");
        for (String[] k : new String[][] {{"max_objects", "maxObjects"}, {"min_scale", "minScale"}, {"max_scale", "maxScale"},
            {"min_visible", "minVisible"}, {"visible_pixels", "visiblePixels"}}) {
            legacy = legacy.replace("\"" + k[0] + "\"", "\"" + k[1] + "\"");
        }
        Files.writeString(file, legacy);
        assertThat(SceneSet.read(out)).isEqualTo(now);
        Files.writeString(file, json.replace("sieve.scenes", "sieve.other"));
        assertThatThrownBy(() -> SceneSet.read(out)).hasMessageContaining("not a Sieve scene set");
    }

    @Test
    void masksAgreeWithClassFoldersAndAnnotations() throws IOException {
        Path out = dir.resolve("set");
        List<Integer> progress = new ArrayList<>();
        Annotations written = SceneSet.write(generator(Split.ALL), 12, 9, Split.ALL, out, progress::add);
        assertThat(progress).hasSize(12).endsWith(12);
        Annotations a = SceneSet.read(out);
        assertThat(a.seed()).isEqualTo(9);
        assertThat(a.split()).isEqualTo("all");
        assertThat(a.settings()).isEqualTo(new Settings(40, 3, 0.3, 0.6, 0.25));
        assertThat(a.classes()).containsExactly("ball", "box", "stick");
        assertThat(a.scenes()).hasSize(12);
        boolean multi = false;
        for (int i = 0; i < 12; i++) {
            SceneEntry e = a.scenes().get(i);
            assertThat(e.file()).isEqualTo(String.format("scene-%06d.png", i + 1));
            assertThat(e.objects()).hasSameSizeAs(written.scenes().get(i).objects());
            int[] mask = SceneSet.readMask(out, e.file());
            assertThat(mask).hasSize(40 * 40);
            assertThat(Arrays.stream(mask).max().getAsInt()).isEqualTo(e.objects().size());
            List<String> classesInMask = new ArrayList<>();
            for (int k = 0; k < e.objects().size(); k++) {
                ObjectEntry o = e.objects().get(k);
                boolean[] m = SceneSet.objectMask(out, e, k);
                int count = 0;
                for (int p = 0; p < m.length; p++) {
                    if (m[p]) {
                        count++;
                        assertThat(p % 40).isBetween(o.box().x(), o.box().x() + o.box().width() - 1);
                        assertThat(p / 40).isBetween(o.box().y(), o.box().y() + o.box().height() - 1);
                    }
                }
                assertThat(count).isEqualTo(o.visiblePixels()).isPositive();
                classesInMask.add(o.className());
            }
            multi |= e.objects().size() > 1;
            assertThat(SceneSet.filedUnder(out, e.file())).containsExactlyInAnyOrderElementsOf(classesInMask)
                    .containsExactlyElementsOf(e.labels());
            List<Path> copies = new ArrayList<>();
            for (String c : e.labels()) {
                copies.add(out.resolve(c).resolve(e.file()));
            }
            for (Path p : copies) {
                assertThat(Files.readAllBytes(p)).isEqualTo(Files.readAllBytes(copies.get(0)));
            }
        }
        assertThat(multi).isTrue();
    }

    @Test
    void imageFolderReadsTheSetAsMultiLabelWithTheAnnotatedLabels() throws IOException {
        Path out = dir.resolve("scenes");
        SceneSet.write(generator(Split.TRAIN), 10, 1, Split.TRAIN, out.resolve("train"), null);
        SceneSet.write(generator(Split.TEST), 4, 2, Split.TEST, out.resolve("test"), null);
        ImageFolder f = ImageFolder.open(out.resolve("train"), 3, 40);
        assertThat(f.classes()).containsExactly("ball", "box", "stick");
        Annotations a = SceneSet.read(out.resolve("train"));
        assertThat(f.size()).isEqualTo(10);
        for (int i = 0; i < f.size(); i++) {
            String file = f.file(i).getFileName().toString();
            SceneEntry e = a.scenes().stream().filter(s -> s.file().equals(file)).findFirst().orElseThrow();
            List<String> labels = Arrays.stream(f.labels(i)).mapToObj(f.classes()::get).toList();
            assertThat(labels).containsExactlyElementsOf(e.labels());
        }
        ImageDataset test = DataSets.open(out.toString(), false, 3, 40);
        assertThat(test.size()).isEqualTo(4);
        assertThat(test.classes()).isEqualTo(f.classes());
    }

    @Test
    void heldOutScenesUseOnlyHeldOutObjectsAndBackgrounds() throws IOException {
        Annotations train = SceneSet.write(generator(Split.TRAIN), 20, 1, Split.TRAIN, dir.resolve("tr"), null);
        Annotations test = SceneSet.write(generator(Split.TEST), 20, 1, Split.TEST, dir.resolve("te"), null);
        var trainObjects = new HashSet<String>();
        var trainBackgrounds = new HashSet<String>();
        train.scenes().forEach(s -> {
            trainBackgrounds.add(s.background());
            s.objects().forEach(o -> trainObjects.add(o.source()));
        });
        for (SceneEntry s : test.scenes()) {
            assertThat(trainBackgrounds).doesNotContain(s.background());
            s.objects().forEach(o -> assertThat(trainObjects).doesNotContain(o.source()));
        }
    }

    @Test
    void refusesANonEmptyOutputFolder() throws IOException {
        Path out = Files.createDirectories(dir.resolve("busy"));
        Files.writeString(out.resolve("keep.txt"), "mine");
        assertThatThrownBy(() -> SceneSet.write(generator(Split.ALL), 2, 1, Split.ALL, out, null))
                .isInstanceOf(FileAlreadyExistsException.class).hasMessageContaining("not empty");
        assertThat(Files.list(out).count()).isEqualTo(1);
    }

    @Test
    void aFailedWriteLeavesNoPartialSet() throws IOException {
        Path out = dir.resolve("failed");
        SceneGenerator g = generator(Split.ALL);
        assertThatThrownBy(() -> SceneSet.write(g, 5, 1, Split.ALL, out, i -> {
            if (i == 2) {
                throw new IllegalStateException("stop");
            }
        })).hasMessage("stop");
        assertThat(out).doesNotExist();
    }
}
