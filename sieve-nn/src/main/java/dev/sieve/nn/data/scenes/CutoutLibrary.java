package dev.sieve.nn.data.scenes;

import dev.sieve.image.Planar;
import dev.sieve.image.Resample;
import dev.sieve.image.io.ImageFiles;
import dev.sieve.nn.data.ImageDataset;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Object cut-outs by class, for pasting into synthetic scenes ({@link SceneGenerator}).
 *
 * <p>Two sources: a folder tree {@code root/CLASS/**.png} (CLASS = first-level folder; every PNG
 * below it, at any depth, with real transparency is one cut-out; the Tux Paint stamps are laid out
 * so), or a labelled {@link ImageDataset} of gray items on black such as Fashion-MNIST (alpha =
 * clamp(v/40, 0, 1), colour = v times a random per-item tint). Every cut-out is cropped to the
 * bounding box of its non-zero alpha and, when larger, reduced (area average on premultiplied
 * colour) so its longer side is at most {@code maxSide} pixels.
 *
 * <p>Split: within each class, the source names of the usable cut-outs (all of them are read, in
 * either split) are ordered by a fixed 64-bit hash of their UTF-8 bytes and the first round(20 %) of them (at least one when the class has two or more) form
 * {@link Split#TEST}, the rest {@link Split#TRAIN}. The rule depends only on the names of that
 * class, never on a seed, so training and held-out scenes never share an object. The class list
 * ({@link #classes()}) is the same for every split, so label indices agree between the sets.
 */
public final class CutoutLibrary {
    /** Fraction of every class (and of the backgrounds) held out for {@link Split#TEST}. */
    public static final double TEST_FRACTION = 0.2;
    /** Folder cut-outs whose opaque box has a longer side below this many pixels are skipped. */
    public static final int MIN_SIDE = 24;

    /** Which part of the objects (and backgrounds) to use. */
    public enum Split {
        TRAIN, TEST, ALL;

        /** True when a name assigned to {@code assigned} (TRAIN or TEST) belongs to this split. */
        public boolean contains(Split assigned) {
            return this == ALL || this == assigned;
        }
    }

    private final String source;
    private final List<String> classes;
    private final Map<String, List<Cutout>> byClass;
    private final Map<String, Integer> skipped;

    private CutoutLibrary(String source, List<String> classes, Map<String, List<Cutout>> byClass,
            Map<String, Integer> skipped) {
        this.source = source;
        this.classes = List.copyOf(classes);
        this.byClass = byClass;
        this.skipped = skipped;
    }

    /**
     * Assigns each name of one group (one class's cut-outs, or the backgrounds) to TRAIN or TEST
     * by the hash rule above. Deterministic; the result keeps the names' iteration order.
     */
    public static Map<String, Split> assignSplits(Collection<String> names) {
        List<String> order = new ArrayList<>(new LinkedHashSet<>(names));
        order.sort(Comparator.comparingLong(CutoutLibrary::hash).thenComparing(Comparator.naturalOrder()));
        int n = order.size();
        int test = n < 2 ? 0 : Math.max(1, (int) Math.round(TEST_FRACTION * n));
        Map<String, Split> bySorted = new HashMap<>();
        for (int i = 0; i < n; i++) {
            bySorted.put(order.get(i), i < test ? Split.TEST : Split.TRAIN);
        }
        Map<String, Split> out = new java.util.LinkedHashMap<>();
        for (String name : names) {
            out.put(name, bySorted.get(name));
        }
        return out;
    }

    /** FNV-1a of the UTF-8 bytes, finished with the SplitMix64 mixer. */
    static long hash(String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001b3L;
        }
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }

    /**
     * Loads the cut-outs of {@code split} from {@code root/CLASS/**.png}. {@code keep}, when not
     * empty, names the classes to use (an unknown name is an error). Unreadable PNGs, PNGs without
     * real transparency (no alpha channel, or under 1 % of pixels with alpha &lt; 0.5) and ones whose
     * opaque box is under {@link #MIN_SIDE} px on its longer side are skipped and counted
     * ({@link #skipped()}, over both splits). Other files (SVG, text) are ignored.
     */
    public static CutoutLibrary fromFolder(Path root, Collection<String> keep, Split split, int maxSide)
            throws IOException {
        if (!Files.isDirectory(root)) {
            throw new NoSuchFileException(root + ": no such folder of cut-outs (expected root/CLASS/**.png)");
        }
        Map<String, List<Path>> pngs = new TreeMap<>();
        try (Stream<Path> s = Files.list(root)) {
            for (Path dir : s.filter(Files::isDirectory).sorted().toList()) {
                String cls = dir.getFileName().toString();
                if (cls.startsWith(".")) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(dir)) {
                    List<Path> list = files.filter(Files::isRegularFile)
                            .filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png"))
                            .sorted().toList();
                    if (!list.isEmpty()) {
                        pngs.put(cls, list);
                    }
                }
            }
        }
        if (pngs.isEmpty()) {
            throw new IOException(root + ": no PNG files in class folders (expected root/CLASS/**.png)");
        }
        List<String> classes = selectClasses(pngs.keySet(), keep, root.toString());
        Map<String, List<Cutout>> byClass = new TreeMap<>();
        Map<String, Integer> skipped = new TreeMap<>();
        for (String cls : classes) {
            Map<String, Cutout> usable = new java.util.LinkedHashMap<>();
            for (Path f : pngs.get(cls)) {
                String name = root.relativize(f).toString().replace('\\', '/');
                Cutout c = readPng(f, cls, name, maxSide, skipped);
                if (c != null) {
                    usable.put(name, c);
                }
            }
            List<Cutout> list = new ArrayList<>();
            assignSplits(usable.keySet()).forEach((name, s) -> {
                if (split.contains(s)) {
                    list.add(usable.get(name));
                }
            });
            byClass.put(cls, list);
        }
        return new CutoutLibrary(root.toString(), classes, byClass, skipped);
    }

    private static List<String> selectClasses(Collection<String> all, Collection<String> keep, String where) {
        if (keep == null || keep.isEmpty()) {
            return List.copyOf(all);
        }
        for (String k : keep) {
            if (!all.contains(k)) {
                throw new IllegalArgumentException("unknown class '" + k + "' in " + where + " (classes: "
                        + String.join(", ", all) + ")");
            }
        }
        return all.stream().filter(keep::contains).toList();
    }

    private static Cutout readPng(Path file, String cls, String name, int maxSide, Map<String, Integer> skipped) {
        BufferedImage img;
        try {
            img = ImageFiles.readBuffered(file);
        } catch (IOException | RuntimeException e) {
            skipped.merge("unreadable", 1, Integer::sum);
            return null;
        }
        if (!img.getColorModel().hasAlpha()) {
            skipped.merge("no transparency", 1, Integer::sum);
            return null;
        }
        int w = img.getWidth(), h = img.getHeight(), n = w * h;
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        float[] r = new float[n], g = new float[n], b = new float[n], a = new float[n];
        int clear = 0;
        for (int i = 0; i < n; i++) {
            int p = argb[i];
            a[i] = (p >>> 24) / 255f;
            r[i] = (p >> 16) & 0xFF;
            g[i] = (p >> 8) & 0xFF;
            b[i] = p & 0xFF;
            if (a[i] < 0.5f) {
                clear++;
            }
        }
        if (clear < 0.01 * n || clear == n) {
            skipped.merge("no transparency", 1, Integer::sum);
            return null;
        }
        if (boxSide(w, h, a) < MIN_SIDE) {
            skipped.merge("smaller than " + MIN_SIDE + " px", 1, Integer::sum);
            return null;
        }
        Cutout c = trim(new Cutout(cls, new Planar(w, h, r, g, b), a, name), maxSide);
        return c;
    }

    /** Longer side of the box of non-zero alpha (before any reduction). */
    private static int boxSide(int w, int h, float[] a) {
        int[] box = box(w, h, a);
        return box == null ? 0 : Math.max(box[2] - box[0], box[3] - box[1]);
    }

    /** {x0, y0, x1, y1} (exclusive ends) of non-zero alpha, or null when fully clear. */
    private static int[] box(int w, int h, float[] a) {
        int x0 = w, y0 = h, x1 = -1, y1 = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (a[y * w + x] > 0f) {
                    x0 = Math.min(x0, x);
                    x1 = Math.max(x1, x);
                    y0 = Math.min(y0, y);
                    y1 = Math.max(y1, y);
                }
            }
        }
        return x1 < 0 ? null : new int[] {x0, y0, x1 + 1, y1 + 1};
    }

    /** Crops to the non-zero alpha and reduces so the longer side is at most {@code maxSide}; null when clear. */
    static Cutout trim(Cutout c, int maxSide) {
        int w = c.width(), h = c.height();
        int[] bx = box(w, h, c.alpha());
        if (bx == null) {
            return null;
        }
        int cw = bx[2] - bx[0], ch = bx[3] - bx[1];
        float[][] p = new float[4][cw * ch];
        for (int y = 0; y < ch; y++) {
            for (int x = 0; x < cw; x++) {
                int s = (y + bx[1]) * w + x + bx[0], d = y * cw + x;
                p[3][d] = c.alpha()[s];
                for (int k = 0; k < 3; k++) {
                    p[k][d] = c.rgb().plane(k)[s];
                }
            }
        }
        int longer = Math.max(cw, ch);
        if (maxSide > 0 && longer > maxSide) {
            int nw = Math.max(1, (int) Math.round((double) cw * maxSide / longer));
            int nh = Math.max(1, (int) Math.round((double) ch * maxSide / longer));
            float[][] pm = premultiplied(p);
            for (int k = 0; k < 4; k++) {
                pm[k] = Resample.resize(pm[k], cw, ch, nw, nh);
            }
            p = unpremultiplied(pm);
            cw = nw;
            ch = nh;
        }
        return new Cutout(c.className(), new Planar(cw, ch, p[0], p[1], p[2]), p[3], c.source());
    }

    static float[][] premultiplied(float[][] rgba) {
        float[][] out = new float[4][];
        out[3] = rgba[3].clone();
        for (int k = 0; k < 3; k++) {
            out[k] = new float[rgba[k].length];
            for (int i = 0; i < out[k].length; i++) {
                out[k][i] = rgba[k][i] * rgba[3][i];
            }
        }
        return out;
    }

    static float[][] unpremultiplied(float[][] pm) {
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < pm[k].length; i++) {
                float a = pm[3][i];
                pm[k][i] = a > 1e-6f ? Math.min(255f, pm[k][i] / a) : 0f;
            }
        }
        return pm;
    }

    /**
     * Cut-outs of {@code split} from a gray, labelled data set of items on black (Fashion-MNIST):
     * alpha = clamp(v/40, 0, 1); colour = v times a tint drawn per item (each channel uniform in
     * [0.35, 1], from {@code seed} and the item's index, so an item's tint does not depend on which
     * others are loaded). Source names are {@code name/INDEX}; at most {@code maxPerClass} items
     * per class are kept (the first in index order; 0 = all). Class names have characters outside
     * {@code [A-Za-z0-9._-]} replaced by '_' (Fashion-MNIST's "T-shirt/top" becomes "T-shirt_top"),
     * since they become folder names.
     */
    public static CutoutLibrary fromDataset(ImageDataset data, String name, Collection<String> keep, Split split,
            int maxSide, int maxPerClass, long seed) {
        List<String> all = data.classes().stream().map(CutoutLibrary::folderName).toList();
        List<String> classes = selectClasses(all, keep, name);
        int w = data.width(), h = data.height(), ch = data.channels();
        Map<Integer, List<String>> names = new TreeMap<>();
        for (int i = 0; i < data.size(); i++) {
            if (classes.contains(all.get(data.label(i)))) {
                names.computeIfAbsent(data.label(i), k -> new ArrayList<>()).add(name + "/" + i);
            }
        }
        Map<String, List<Cutout>> byClass = new TreeMap<>();
        Map<String, Integer> skipped = new TreeMap<>();
        for (String cls : classes) {
            byClass.put(cls, new ArrayList<>());
        }
        float[] px = new float[data.imageSize()];
        for (Map.Entry<Integer, List<String>> e : names.entrySet()) {
            String cls = all.get(e.getKey());
            List<Cutout> list = byClass.get(cls);
            for (Map.Entry<String, Split> s : assignSplits(e.getValue()).entrySet()) {
                if (!split.contains(s.getValue())) {
                    continue;
                }
                if (maxPerClass > 0 && list.size() >= maxPerClass) {
                    break;
                }
                String src = s.getKey();
                int idx = Integer.parseInt(src.substring(src.lastIndexOf('/') + 1));
                data.pixels(idx, px, 0);
                SplittableRandom rng = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (idx + 1L)));
                float[] tint = {(float) rng.nextDouble(0.35, 1), (float) rng.nextDouble(0.35, 1),
                    (float) rng.nextDouble(0.35, 1)};
                int n = w * h;
                float[][] rgb = new float[3][n];
                float[] a = new float[n];
                for (int i = 0; i < n; i++) {
                    float v = 0f;
                    for (int k = 0; k < ch; k++) {
                        v += px[k * n + i];
                    }
                    v /= ch;
                    a[i] = Math.min(1f, Math.max(0f, v / 40f));
                    for (int k = 0; k < 3; k++) {
                        rgb[k][i] = v * tint[k];
                    }
                }
                Cutout c = trim(new Cutout(cls, new Planar(w, h, rgb[0], rgb[1], rgb[2]), a, src), maxSide);
                if (c == null) {
                    skipped.merge("empty", 1, Integer::sum);
                } else {
                    list.add(c);
                }
            }
        }
        return new CutoutLibrary(name, classes, byClass, skipped);
    }

    /** A class name usable as a folder name: characters outside {@code [A-Za-z0-9._-]} become '_'. */
    public static String folderName(String cls) {
        String s = cls.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.startsWith(".") ? "_" + s.substring(1) : s;
    }

    /** Where the cut-outs come from (the folder as given, or the data set name). */
    public String source() {
        return source;
    }

    /** All classes (sorted; the same for every split), some possibly without cut-outs in this split. */
    public List<String> classes() {
        return classes;
    }

    /** The cut-outs of {@code cls} in this split (empty for an unknown class). */
    public List<Cutout> of(String cls) {
        return byClass.getOrDefault(cls, List.of());
    }

    /** Classes with at least one cut-out in this split, sorted. */
    public List<String> usableClasses() {
        return classes.stream().filter(c -> !of(c).isEmpty()).toList();
    }

    /** Number of cut-outs loaded. */
    public int size() {
        return byClass.values().stream().mapToInt(List::size).sum();
    }

    /** Files skipped while loading, by reason. */
    public Map<String, Integer> skipped() {
        return java.util.Collections.unmodifiableMap(skipped);
    }

    /** Every cut-out of every class, classes in order. */
    public List<Cutout> all() {
        List<Cutout> out = new ArrayList<>();
        classes.forEach(c -> out.addAll(of(c)));
        return out;
    }
}
