package dev.sieve.nn.data.scenes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sieve.image.Planar;
import dev.sieve.image.io.AtomicFiles;
import dev.sieve.image.io.ImageFiles;
import dev.sieve.nn.data.scenes.CutoutLibrary.Split;
import dev.sieve.nn.data.scenes.SceneGenerator.Scene;
import dev.sieve.nn.data.scenes.SceneGenerator.SceneObject;
import dev.sieve.nn.data.scenes.SceneGenerator.Settings;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

/**
 * A folder of generated scenes, laid out for {@link dev.sieve.nn.data.ImageFolder} (Caltech-256
 * style, multi-label):
 *
 * <pre>
 * OUT/CLASS/scene-000001.png   the scene, under every class it contains (hard links, else copies);
 *                              every class of the library has a folder, maybe empty, so label
 *                              indices agree between a train and a test set
 * OUT/masks/scene-000001.png   8-bit gray: 1 + index of the visible object, 0 = background
 * OUT/annotations.json         settings, seed, sources, and per scene its objects (class, box,
 *                              pixel counts); written last, so it marks a complete set
 * </pre>
 *
 * {@code ImageFolder} skips {@code masks/} in a folder that holds {@code annotations.json}. A scene
 * is filed under the classes of the objects with at least one visible pixel. Every file is written
 * atomically; the output folder must be new or empty, and is removed again if writing fails.
 */
public final class SceneSet {
    /** Name of the annotations file. */
    public static final String ANNOTATIONS = "annotations.json";
    /** Name of the masks folder. */
    public static final String MASKS = "masks";
    /** Schema of the annotations ({@code "schema"}, with {@code "version": 1} and snake_case keys). */
    public static final String SCHEMA = "sieve.scenes";
    /** Format tag of the first annotations (camelCase keys), still read. */
    private static final String LEGACY_FORMAT = "sieve-scenes/1";

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private SceneSet() {
    }

    /**
     * One object of a scene: class, source cut-out, tight box of its pixels before occlusion, its
     * pixel count (alpha ≥ 0.5) and how many of them are visible.
     */
    public record ObjectEntry(String className, String source, Box box, int pixels, int visiblePixels, boolean flipped) {
    }

    /** One scene: file name, size (px), background name, objects in drawing order (mask value = index + 1). */
    public record SceneEntry(String file, int width, int height, String background, List<ObjectEntry> objects) {
        /** Distinct classes of the visible objects: the folders the scene is filed under. */
        public List<String> labels() {
            Set<String> s = new TreeSet<>();
            objects.stream().filter(o -> o.visiblePixels() > 0).forEach(o -> s.add(o.className()));
            return List.copyOf(s);
        }
    }

    /** The contents of {@code annotations.json}. */
    public record Annotations(long seed, String split, Settings settings, List<String> classes,
            List<SceneEntry> scenes) {
    }

    /**
     * Writes scenes 1..{@code count} of {@code seed} to {@code out} (created if missing; refused if
     * not empty), reporting each finished scene to {@code progress} (may be null).
     */
    public static Annotations write(SceneGenerator generator, int count, long seed, Split split, Path out,
            IntConsumer progress) throws IOException {
        if (count < 1) {
            throw new IllegalArgumentException("scene count must be at least 1, got " + count);
        }
        CutoutLibrary lib = generator.library();
        if (lib.classes().contains(MASKS)) {
            throw new IllegalArgumentException("a class named '" + MASKS + "' would clash with the masks folder");
        }
        requireEmpty(out);
        Files.createDirectories(out);
        try {
            return writeInto(generator, count, seed, split, out, progress);
        } catch (IOException | RuntimeException | Error e) {
            deleteTree(out);
            throw e;
        }
    }

    private static Annotations writeInto(SceneGenerator generator, int count, long seed, Split split, Path out,
            IntConsumer progress) throws IOException {
        CutoutLibrary lib = generator.library();
        for (String c : lib.classes()) {
            Files.createDirectories(out.resolve(c));
        }
        Files.createDirectories(out.resolve(MASKS));
        Settings st = generator.settings();
        List<SceneEntry> entries = new ArrayList<>();
        Set<String> used = new TreeSet<>(), backgrounds = new TreeSet<>();
        for (int i = 1; i <= count; i++) {
            Scene scene = generator.scene(seed, i);
            String file = String.format("scene-%06d.png", i);
            List<ObjectEntry> objs = new ArrayList<>();
            for (SceneObject o : scene.objects()) {
                objs.add(new ObjectEntry(o.className(), o.source(), o.box(), o.pixels(), o.visiblePixels(), o.flipped()));
                used.add(o.source());
            }
            backgrounds.add(scene.background());
            SceneEntry e = new SceneEntry(file, st.size(), st.size(), scene.background(), List.copyOf(objs));
            entries.add(e);
            byte[] png = ImageFiles.pngBytes(scene.image());
            Path first = null;
            for (String c : e.labels()) {
                Path target = out.resolve(c).resolve(file);
                if (first == null) {
                    AtomicFiles.write(target, png);
                    first = target;
                } else {
                    link(first, target, png);
                }
            }
            float[] m = new float[scene.mask().length];
            for (int k = 0; k < m.length; k++) {
                m[k] = scene.mask()[k];
            }
            ImageFiles.writePng(new Planar(st.size(), st.size(), m), out.resolve(MASKS).resolve(file));
            if (progress != null) {
                progress.accept(i);
            }
        }
        Annotations a = new Annotations(seed, split.name().toLowerCase(java.util.Locale.ROOT), st, lib.classes(),
                List.copyOf(entries));
        AtomicFiles.write(out.resolve(ANNOTATIONS), toJson(a, lib, generator, used, backgrounds));
        return a;
    }

    /** Removes what a failed {@link #write} made (the folder was new or empty when it began). */
    private static void deleteTree(Path out) {
        try (Stream<Path> s = Files.walk(out)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | RuntimeException ignored) {
            // best effort: the original failure is what the user needs to see
        }
    }

    private static void requireEmpty(Path out) throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new FileAlreadyExistsException(out + ": exists and is not a folder");
        }
        if (Files.isDirectory(out)) {
            try (Stream<Path> s = Files.list(out)) {
                if (s.findAny().isPresent()) {
                    throw new FileAlreadyExistsException(out + ": output folder is not empty; choose a new one");
                }
            }
        }
    }

    private static void link(Path first, Path target, byte[] png) throws IOException {
        try {
            Files.createLink(target, first);
        } catch (UnsupportedOperationException | IOException e) {
            Files.deleteIfExists(target);
            AtomicFiles.write(target, png);
        }
    }

    private static byte[] toJson(Annotations a, CutoutLibrary lib, SceneGenerator gen, Set<String> used,
            Set<String> backgrounds) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("version", 1);
        root.put("seed", a.seed());
        root.put("split", a.split());
        root.put("count", a.scenes().size());
        ObjectNode st = root.putObject("settings");
        st.put("size", a.settings().size());
        st.put("max_objects", a.settings().maxObjects());
        st.put("min_scale", a.settings().minScale());
        st.put("max_scale", a.settings().maxScale());
        st.put("min_visible", a.settings().minVisible());
        ArrayNode cls = root.putArray("classes");
        a.classes().forEach(cls::add);
        ObjectNode objects = root.putObject("objects");
        objects.put("source", lib.source());
        objects.put("cutouts", lib.size());
        ObjectNode skipped = objects.putObject("skipped");
        lib.skipped().forEach(skipped::put);
        ArrayNode usedArr = objects.putArray("used");
        used.forEach(usedArr::add);
        ObjectNode bg = root.putObject("backgrounds");
        bg.put("available", gen.backgrounds().size());
        ArrayNode bgUsed = bg.putArray("used");
        backgrounds.forEach(bgUsed::add);
        ArrayNode scenes = root.putArray("scenes");
        for (SceneEntry e : a.scenes()) {
            ObjectNode s = scenes.addObject();
            s.put("file", e.file());
            s.put("width", e.width());
            s.put("height", e.height());
            s.put("background", e.background());
            ArrayNode labels = s.putArray("labels");
            e.labels().forEach(labels::add);
            ArrayNode os = s.putArray("objects");
            for (ObjectEntry o : e.objects()) {
                ObjectNode on = os.addObject();
                on.put("class", o.className());
                on.putArray("box").add(o.box().x()).add(o.box().y()).add(o.box().width()).add(o.box().height());
                on.put("pixels", o.pixels());
                on.put("visible_pixels", o.visiblePixels());
                on.put("source", o.source());
                on.put("flipped", o.flipped());
            }
        }
        return (JSON.writeValueAsString(root) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Reads the annotations of a scene set written by {@link #write}. */
    public static Annotations read(Path dir) throws IOException {
        Path f = dir.resolve(ANNOTATIONS);
        if (!Files.isRegularFile(f)) {
            throw new NoSuchFileException(f + ": no such file (not a complete scene set)");
        }
        JsonNode root;
        try {
            root = JSON.readTree(f.toFile());
        } catch (IOException e) {
            throw new IOException(f + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
        boolean legacy = root != null && LEGACY_FORMAT.equals(root.path("format").asText());
        if (root == null || !(legacy || SCHEMA.equals(root.path("schema").asText()) && root.path("version").asInt() == 1)) {
            throw new IOException(f + ": not a Sieve scene set (schema is not " + SCHEMA + " version 1)");
        }
        java.util.function.UnaryOperator<String> key = legacy ? SceneSet::camelCase : k -> k;
        JsonNode st = root.path("settings");
        Settings settings = new Settings(st.path("size").asInt(), st.path(key.apply("max_objects")).asInt(),
                st.path(key.apply("min_scale")).asDouble(), st.path(key.apply("max_scale")).asDouble(), st.path(key.apply("min_visible")).asDouble());
        List<String> classes = new ArrayList<>();
        root.path("classes").forEach(n -> classes.add(n.asText()));
        List<SceneEntry> scenes = new ArrayList<>();
        for (JsonNode s : root.path("scenes")) {
            List<ObjectEntry> objs = new ArrayList<>();
            for (JsonNode o : s.path("objects")) {
                JsonNode b = o.path("box");
                objs.add(new ObjectEntry(o.path("class").asText(), o.path("source").asText(),
                        new Box(b.path(0).asInt(), b.path(1).asInt(), b.path(2).asInt(), b.path(3).asInt()),
                        o.path("pixels").asInt(), o.path(key.apply("visible_pixels")).asInt(), o.path("flipped").asBoolean()));
            }
            scenes.add(new SceneEntry(s.path("file").asText(), s.path("width").asInt(), s.path("height").asInt(),
                    s.path("background").asText(), List.copyOf(objs)));
        }
        return new Annotations(root.path("seed").asLong(), root.path("split").asText(), settings,
                List.copyOf(classes), List.copyOf(scenes));
    }

    /** {@code snake_case} as {@code snakeCase}: the keys of the legacy format. */
    private static String camelCase(String snake) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < snake.length(); i++) {
            char c = snake.charAt(i);
            sb.append(c == '_' ? Character.toUpperCase(snake.charAt(++i)) : c);
        }
        return sb.toString();
    }

    /** The object-index mask of scene {@code file} (row-major; 0 = background, k = object k-1). */
    public static int[] readMask(Path dir, String file) throws IOException {
        Planar p = ImageFiles.read(dir.resolve(MASKS).resolve(file));
        float[] v = p.plane(0);
        int[] m = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            m[i] = Math.round(v[i]);
        }
        return m;
    }

    /** The visible pixels of object {@code object} (0-based, drawing order) of {@code scene}. */
    public static boolean[] objectMask(Path dir, SceneEntry scene, int object) throws IOException {
        if (object < 0 || object >= scene.objects().size()) {
            throw new IllegalArgumentException(scene.file() + " has " + scene.objects().size()
                    + " objects, no object " + object);
        }
        int[] m = readMask(dir, scene.file());
        boolean[] out = new boolean[m.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i] == object + 1;
        }
        return out;
    }

    /** The class folders (in class order) that hold {@code file}, by looking at the files. */
    public static List<String> filedUnder(Path dir, String file) throws IOException {
        Set<String> out = new LinkedHashSet<>();
        for (String c : read(dir).classes()) {
            if (Files.isRegularFile(dir.resolve(c).resolve(file))) {
                out.add(c);
            }
        }
        return List.copyOf(out);
    }
}
