package dev.sieve.nn.data.scenes;

import dev.sieve.image.Planar;
import dev.sieve.image.Resample;
import dev.sieve.image.io.ImageFiles;
import dev.sieve.nn.data.scenes.CutoutLibrary.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Synthetic multi-object scenes for training and evaluating object-localizing maps (MS-ROI,
 * thesis §2.3) with exact ground truth.
 *
 * <p>Scene {@code i} of seed {@code s} is drawn from its own {@link SplittableRandom} (seeded from
 * s and i), so it does not depend on which other scenes are made: same seed and same inputs give
 * the same pixels. A scene is an {@code S × S} background (a square crop of one background photo,
 * side uniform in [S, shorter side] — the whole shorter side when that is under S — resized to
 * S × S with {@link Resample}) with 1..K objects
 * (count uniform) of <em>distinct</em> classes, so a scene's labels are exactly its objects'
 * classes. Each object is a random cut-out of its class, scaled (premultiplied area/bilinear
 * resampling) so its longer side is a uniform fraction in [minScale, maxScale] of S, flipped
 * horizontally with probability ½, placed uniformly fully inside the frame, and composited over
 * what is there in drawing order. An object's pixels are those with alpha ≥ 0.5; its visible mask
 * is what later objects leave of them. A placement that would leave an earlier object
 * with less than {@code minVisible} of its pixels visible is redrawn (up to 20 times, then the
 * object is dropped), so no label names a hidden object.
 *
 * <p>Backgrounds: PNG and JPEG files, folders searched recursively; of a KDE wallpaper package
 * only one resolution is used ({@link #onePerPackage}). They are reduced on load so their shorter side is at most 4·S (area average), and are
 * split into train and test by {@link CutoutLibrary#assignSplits} on their file names (a wallpaper
 * package's folder name, see {@link #splitNames}), unless only one is given. Gray backgrounds are used as RGB.
 */
public final class SceneGenerator {
    private static final int PLACEMENT_TRIES = 20;

    /**
     * Scene size S (px), most objects K, scale range of an object's longer side as a fraction of
     * S, and the least visible fraction of each object's own pixels.
     */
    public record Settings(int size, int maxObjects, double minScale, double maxScale, double minVisible) {
        public Settings {
            if (size < 8 || size > 4096) {
                throw new IllegalArgumentException("scene size must be 8..4096 px, got " + size);
            }
            if (maxObjects < 1 || maxObjects > 254) {
                throw new IllegalArgumentException("max objects must be 1..254, got " + maxObjects);
            }
            if (!(minScale > 0 && minScale <= maxScale && maxScale <= 1)) {
                throw new IllegalArgumentException("scales need 0 < min-scale <= max-scale <= 1, got "
                        + minScale + " and " + maxScale);
            }
            if (!(minVisible >= 0 && minVisible <= 1)) {
                throw new IllegalArgumentException("min visible fraction must be in [0, 1], got " + minVisible);
            }
        }

        /** The defaults: 128 px, up to 3 objects, scales 0.25..0.6, each object ≥ 25 % visible. */
        public static Settings defaults() {
            return new Settings(128, 3, 0.25, 0.6, 0.25);
        }
    }

    /** A background photo, reduced, with its split name. */
    public record Background(String name, Planar image) {
    }

    /**
     * An object placed in a scene: its class and source, where its scaled cut-out was put
     * ({@code x, y, width, height}, px), whether it was flipped, the tight box of its pixels with
     * alpha ≥ 0.5 before occlusion, and how many of those pixels
     * are visible in the finished scene.
     */
    public record SceneObject(String className, String source, int x, int y, int width, int height,
            boolean flipped, Box box, int pixels, int visiblePixels) {
    }

    /**
     * A finished scene: RGB image in [0, 255], object-index mask (row-major, 0 = background,
     * {@code k} = object {@code k-1} of {@code objects}), the objects in drawing order, and the
     * background name with its crop ({@code x, y, side} in the reduced background).
     */
    public record Scene(Planar image, int[] mask, List<SceneObject> objects, String background, int[] crop) {
        /** Class names of the objects, in drawing order. */
        public List<String> classes() {
            return objects.stream().map(SceneObject::className).toList();
        }
    }

    /** Where to paste a cut-out: top-left corner, size after scaling, mirrored or not. */
    public record Placement(Cutout cutout, int x, int y, int width, int height, boolean flipped) {
    }

    private final CutoutLibrary library;
    private final List<String> classes;
    private final List<Background> backgrounds;
    private final Settings settings;

    /** A generator over the library's usable classes and the given backgrounds (already split). */
    public SceneGenerator(CutoutLibrary library, List<Background> backgrounds, Settings settings) {
        this.library = library;
        this.classes = library.usableClasses();
        this.backgrounds = List.copyOf(backgrounds);
        this.settings = settings;
        if (classes.isEmpty()) {
            throw new IllegalArgumentException(library.source() + ": no usable cut-outs in this split"
                    + (library.skipped().isEmpty() ? "" : " (skipped: " + library.skipped().toString()
                            .replaceAll("[{}]", "").replace("=", ": ") + ")"));
        }
        if (backgrounds.isEmpty()) {
            throw new IllegalArgumentException("no background images in this split");
        }
    }

    public Settings settings() {
        return settings;
    }

    public CutoutLibrary library() {
        return library;
    }

    public List<Background> backgrounds() {
        return backgrounds;
    }

    /**
     * Lists the images (PNG, JPEG) among {@code paths} (files, or folders searched recursively),
     * sorted, and keeps those of {@code split}; with one image it serves every split.
     */
    public static List<Path> backgroundFiles(List<Path> paths, Split split) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile).filter(SceneGenerator::isPhoto).sorted().forEach(files::add);
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                throw new NoSuchFileException(p + ": no such background file or folder");
            }
        }
        List<Path> unique = onePerPackage(files.stream().map(f -> f.toAbsolutePath().normalize()).distinct().toList());
        if (unique.isEmpty()) {
            throw new IOException(paths + ": no PNG or JPEG background images");
        }
        if (unique.size() == 1) {
            return unique;
        }
        List<String> names = splitNames(unique);
        Map<String, Split> splits = CutoutLibrary.assignSplits(names);
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < unique.size(); i++) {
            if (split.contains(splits.get(names.get(i)))) {
                out.add(unique.get(i));
            }
        }
        return out;
    }

    private static final java.util.regex.Pattern RESOLUTION = java.util.regex.Pattern.compile(
            "(\\d+)x(\\d+)\\.(?i:png|jpe?g)");

    /**
     * Keeps one file per KDE wallpaper package ({@code THEME/contents/images*&#47;WxH.ext}, as in
     * /usr/share/wallpapers), whose resolutions and dark variants are one photo that must not land
     * in both splits: the landscape one with the smallest area whose shorter side is at least 1024
     * px, else the largest. A package's {@code contents/screenshot.*} is dropped. Other files pass.
     */
    static List<Path> onePerPackage(List<Path> files) {
        Map<Path, Path> best = new java.util.LinkedHashMap<>();
        List<Path> out = new ArrayList<>();
        for (Path f : files) {
            Path parent = f.getParent();
            String name = f.getFileName().toString();
            if (parent != null && parent.getFileName() != null && parent.getFileName().toString().equals("contents")
                    && name.toLowerCase(Locale.ROOT).startsWith("screenshot.")) {
                continue;
            }
            Path pkg = wallpaperPackage(f);
            if (pkg == null) {
                out.add(f);
                continue;
            }
            Path prev = best.get(pkg);
            if (prev == null) {
                out.add(pkg);
                best.put(pkg, f);
            } else if (preference(f) < preference(prev)) {
                best.put(pkg, f);
            }
        }
        return out.stream().map(p -> best.getOrDefault(p, p)).toList();
    }

    /** Lower is better: landscape, shorter side ≥ 1024, then smallest area; dark variants last. */
    private static long preference(Path f) {
        java.util.regex.Matcher m = RESOLUTION.matcher(f.getFileName().toString());
        m.matches();
        long w = Long.parseLong(m.group(1)), h = Long.parseLong(m.group(2));
        long rank = (w >= h ? 0 : 4) + (Math.min(w, h) >= 1024 ? 0 : 2)
                + (f.getParent().getFileName().toString().equals("images") ? 0 : 1);
        long area = Math.min(w * h, (1L << 40) - 1);
        return (rank << 40) | (Math.min(w, h) >= 1024 ? area : (1L << 40) - 1 - area);
    }

    private static boolean isPhoto(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
    }

    /**
     * Per file, its name in reports: the file name, or {@code THEME/contents/images/WxH.ext} for a
     * file of a KDE wallpaper package.
     */
    public static List<String> backgroundNames(List<Path> files) {
        return files.stream().map(f -> {
            Path pkg = wallpaperPackage(f);
            return pkg == null ? f.getFileName().toString() : pkg.getParent().relativize(f).toString().replace('\\', '/');
        }).toList();
    }

    /**
     * Per file, the name the train/test split is decided on: the file name, or the package folder
     * name ({@code THEME}) for a KDE wallpaper package, so all versions of a photo share a split.
     * Files of the same name share a split.
     */
    public static List<String> splitNames(List<Path> files) {
        return files.stream().map(f -> {
            Path pkg = wallpaperPackage(f);
            return pkg == null ? f.getFileName().toString() : pkg.getFileName().toString();
        }).toList();
    }

    /** The package folder of {@code THEME/contents/images*&#47;WxH.ext}, else null. */
    private static Path wallpaperPackage(Path f) {
        Path parent = f.getParent(), contents = parent == null ? null : parent.getParent();
        if (contents == null || contents.getParent() == null || contents.getParent().getFileName() == null
                || !RESOLUTION.matcher(f.getFileName().toString()).matches()
                || !contents.getFileName().toString().equals("contents")
                || !parent.getFileName().toString().startsWith("images")) {
            return null;
        }
        return contents.getParent();
    }

    /** Reads backgrounds, reducing each so its shorter side is at most 4·{@code size}. */
    public static List<Background> loadBackgrounds(List<Path> files, int size) throws IOException {
        List<String> names = backgroundNames(files);
        List<Background> out = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Planar p = ImageFiles.read(files.get(i));
            if (p.channels() == 1) {
                p = new Planar(p.width(), p.height(), p.plane(0), p.plane(0).clone(), p.plane(0).clone());
            }
            int shorter = Math.min(p.width(), p.height()), cap = 4 * size;
            if (shorter > cap) {
                double f = (double) cap / shorter;
                p = Resample.resize(p, Math.max(cap, (int) Math.round(p.width() * f)),
                        Math.max(cap, (int) Math.round(p.height() * f)));
            }
            out.add(new Background(names.get(i), p));
        }
        return out;
    }

    /** Scene {@code index} of {@code seed}. */
    public Scene scene(long seed, long index) {
        SplittableRandom rng = new SplittableRandom(mix(seed) ^ mix(index + 0x632BE59BD9B4E019L));
        int s = settings.size();
        Background bg = backgrounds.get(rng.nextInt(backgrounds.size()));
        Planar photo = bg.image();
        int shorter = Math.min(photo.width(), photo.height());
        int side = shorter <= s ? shorter : s + rng.nextInt(shorter - s + 1);
        int cx = rng.nextInt(photo.width() - side + 1), cy = rng.nextInt(photo.height() - side + 1);
        Planar canvas = Resample.resize(crop(photo, cx, cy, side), s, s);

        int k = 1 + rng.nextInt(Math.min(settings.maxObjects(), classes.size()));
        List<String> pool = new ArrayList<>(classes);
        List<Scaled> placed = new ArrayList<>();
        int[] owner = new int[s * s];
        for (int j = 0; j < k; j++) {
            String cls = pool.remove(rng.nextInt(pool.size()));
            List<Cutout> cs = library.of(cls);
            Cutout c = cs.get(rng.nextInt(cs.size()));
            double frac = settings.minScale() + rng.nextDouble() * (settings.maxScale() - settings.minScale());
            int longer = Math.max(1, (int) Math.round(frac * s));
            int longest = Math.max(c.width(), c.height());
            int w = Math.min(s, Math.max(1, (int) Math.round((double) c.width() * longer / longest)));
            int h = Math.min(s, Math.max(1, (int) Math.round((double) c.height() * longer / longest)));
            boolean flip = rng.nextBoolean();
            Scaled sc = scale(new Placement(c, 0, 0, w, h, flip));
            for (int t = 0; t < PLACEMENT_TRIES; t++) {
                int x = rng.nextInt(s - w + 1), y = rng.nextInt(s - h + 1);
                Scaled at = sc.at(x, y);
                if (keepsVisible(at, placed, owner, s)) {
                    placed.add(at);
                    stamp(owner, s, at, placed.size());
                    break;
                }
            }
        }
        return composite(canvas, placed, bg.name(), new int[] {cx, cy, side});
    }

    /** Pastes {@code placements} over {@code background} in order (no visibility rule); for tests and tools. */
    public static Scene compose(Planar background, List<Placement> placements) {
        List<Scaled> scaled = new ArrayList<>();
        for (Placement p : placements) {
            scaled.add(scale(p).at(p.x(), p.y()));
        }
        return composite(background.copy(), scaled, "", new int[] {0, 0, background.width()});
    }

    private boolean keepsVisible(Scaled cand, List<Scaled> placed, int[] owner, int s) {
        if (cand.pixels == 0) {
            return false;
        }
        int[] lost = new int[placed.size() + 1];
        for (int y = 0; y < cand.h; y++) {
            for (int x = 0; x < cand.w; x++) {
                if (cand.a[y * cand.w + x] >= 0.5f) {
                    int o = owner[(cand.y + y) * s + cand.x + x];
                    lost[o]++;
                }
            }
        }
        for (int j = 0; j < placed.size(); j++) {
            Scaled p = placed.get(j);
            if (p.visible - lost[j + 1] < settings.minVisible() * p.pixels) {
                return false;
            }
        }
        for (int j = 0; j < placed.size(); j++) {
            placed.get(j).visible -= lost[j + 1];
        }
        cand.visible = cand.pixels;
        return true;
    }

    private static void stamp(int[] owner, int s, Scaled p, int id) {
        for (int y = 0; y < p.h; y++) {
            for (int x = 0; x < p.w; x++) {
                if (p.a[y * p.w + x] >= 0.5f) {
                    owner[(p.y + y) * s + p.x + x] = id;
                }
            }
        }
    }

    private static Scene composite(Planar canvas, List<Scaled> placed, String bgName, int[] crop) {
        int s = canvas.width(), hgt = canvas.height();
        int[] mask = new int[s * hgt];
        for (int j = 0; j < placed.size(); j++) {
            Scaled p = placed.get(j);
            for (int y = 0; y < p.h; y++) {
                int cy = p.y + y;
                if (cy < 0 || cy >= hgt) {
                    continue;
                }
                for (int x = 0; x < p.w; x++) {
                    int cx = p.x + x;
                    if (cx < 0 || cx >= s) {
                        continue;
                    }
                    int i = y * p.w + x, d = cy * s + cx;
                    float a = p.a[i];
                    for (int k = 0; k < 3; k++) {
                        float[] pl = canvas.plane(k);
                        pl[d] = p.pm[k][i] + (1 - a) * pl[d];
                    }
                    if (a >= 0.5f) {
                        mask[d] = j + 1;
                    }
                }
            }
        }
        int[] visible = new int[placed.size() + 1];
        for (int v : mask) {
            visible[v]++;
        }
        List<SceneObject> objects = new ArrayList<>();
        for (int j = 0; j < placed.size(); j++) {
            Scaled p = placed.get(j);
            Cutout c = p.placement.cutout();
            objects.add(new SceneObject(c.className(), c.source(), p.x, p.y, p.w, p.h, p.placement.flipped(),
                    p.box(), p.pixels, visible[j + 1]));
        }
        for (int k = 0; k < 3; k++) {
            float[] pl = canvas.plane(k);
            for (int i = 0; i < pl.length; i++) {
                pl[i] = ImageFiles.clamp8(pl[i]);
            }
        }
        return new Scene(canvas, mask, List.copyOf(objects), bgName, crop);
    }

    private static Planar crop(Planar p, int x0, int y0, int side) {
        float[][] out = new float[p.channels()][side * side];
        for (int c = 0; c < p.channels(); c++) {
            float[] src = p.plane(c);
            for (int y = 0; y < side; y++) {
                System.arraycopy(src, (y0 + y) * p.width() + x0, out[c], y * side, side);
            }
        }
        return new Planar(side, side, out);
    }

    /** A cut-out scaled (premultiplied) and flipped, at a position. */
    private static final class Scaled {
        final Placement placement;
        final int w, h;
        final float[][] pm;
        final float[] a;
        final int pixels;
        int x, y, visible;

        Scaled(Placement placement, int w, int h, float[][] pm, float[] a, int pixels) {
            this.placement = placement;
            this.w = w;
            this.h = h;
            this.pm = pm;
            this.a = a;
            this.pixels = pixels;
        }

        Scaled at(int nx, int ny) {
            Scaled s = new Scaled(placement, w, h, pm, a, pixels);
            s.x = nx;
            s.y = ny;
            return s;
        }

        Box box() {
            int x0 = w, y0 = h, x1 = -1, y1 = -1;
            for (int yy = 0; yy < h; yy++) {
                for (int xx = 0; xx < w; xx++) {
                    if (a[yy * w + xx] >= 0.5f) {
                        x0 = Math.min(x0, xx);
                        x1 = Math.max(x1, xx);
                        y0 = Math.min(y0, yy);
                        y1 = Math.max(y1, yy);
                    }
                }
            }
            return x1 < 0 ? new Box(x, y, 0, 0) : new Box(x + x0, y + y0, x1 - x0 + 1, y1 - y0 + 1);
        }
    }

    private static Scaled scale(Placement p) {
        Cutout c = p.cutout();
        float[][] rgba = {c.rgb().plane(0), c.rgb().plane(1), c.rgb().plane(2), c.alpha()};
        float[][] pm = CutoutLibrary.premultiplied(rgba);
        int w = p.width(), h = p.height();
        for (int k = 0; k < 4; k++) {
            pm[k] = Resample.resize(pm[k], c.width(), c.height(), w, h);
            if (p.flipped()) {
                for (int y = 0; y < h; y++) {
                    for (int l = y * w, r = l + w - 1; l < r; l++, r--) {
                        float t = pm[k][l];
                        pm[k][l] = pm[k][r];
                        pm[k][r] = t;
                    }
                }
            }
        }
        float[] a = pm[3];
        int pixels = 0;
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.min(1f, Math.max(0f, a[i]));
            if (a[i] >= 0.5f) {
                pixels++;
            }
        }
        return new Scaled(p, w, h, pm, a, pixels);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
