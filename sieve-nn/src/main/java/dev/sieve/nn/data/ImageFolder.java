package dev.sieve.nn.data;

import dev.sieve.image.Planar;
import dev.sieve.image.io.ImageFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Images in one folder per class ({@code root/CLASS/IMAGE}, the layout of Caltech-256 and of
 * ImageNet-val after the usual one-folder-per-synset preparation); classes are the sub-folder names
 * in sorted order. Multi-label: an image whose file name occurs in several class folders is one
 * sample carrying all those labels (its primary label is the first in class order). Images are read
 * on access and fitted to {@code channels × size × size} by {@link ImageFit}. In a generated scene set
 * (a folder holding {@code annotations.json}, see {@code scenes.SceneSet}) the {@code masks/} folder
 * is not a class.
 */
public final class ImageFolder implements ImageDataset {
    private final Path root;
    private final List<String> classes;
    private final List<Path> files = new ArrayList<>();
    private final List<int[]> labels = new ArrayList<>();
    private final int channels;
    private final int size;

    private ImageFolder(Path root, List<String> classes, int channels, int size) {
        this.root = root;
        this.classes = classes;
        this.channels = channels;
        this.size = size;
    }

    /** Indexes {@code root}; images are fitted to {@code channels × size × size} when read. */
    public static ImageFolder open(Path root, int channels, int size) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new NoSuchFileException(root + ": no such folder");
        }
        List<String> classes;
        boolean sceneSet = Files.isRegularFile(root.resolve("annotations.json"));
        try (Stream<Path> s = Files.list(root)) {
            classes = s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".") && !(sceneSet && n.equals("masks"))).sorted().toList();
        }
        if (classes.isEmpty()) {
            throw new IOException(root + ": no class folders (expected root/CLASS/IMAGE)");
        }
        Map<String, List<Integer>> byName = new TreeMap<>();
        Map<String, Path> firstPath = new LinkedHashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            try (Stream<Path> s = Files.list(root.resolve(classes.get(c)))) {
                for (Path f : s.sorted().toList()) {
                    String name = f.getFileName().toString();
                    if (Files.isRegularFile(f) && isImage(name)) {
                        byName.computeIfAbsent(name, k -> new ArrayList<>()).add(c);
                        firstPath.putIfAbsent(name, f);
                    }
                }
            }
        }
        if (byName.isEmpty()) {
            throw new IOException(root + ": no images in its " + classes.size() + " class folders");
        }
        ImageFolder d = new ImageFolder(root, classes, channels, size);
        for (Map.Entry<String, List<Integer>> e : byName.entrySet()) {
            d.files.add(firstPath.get(e.getKey()));
            d.labels.add(e.getValue().stream().mapToInt(Integer::intValue).toArray());
        }
        return d;
    }

    private static boolean isImage(String name) {
        return dev.sieve.image.io.ImageFiles.hasImageExtension(Path.of(name));
    }

    /** The file of image {@code i}. */
    public Path file(int i) {
        return files.get(i);
    }

    @Override
    public int size() {
        return files.size();
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public int height() {
        return size;
    }

    @Override
    public int width() {
        return size;
    }

    @Override
    public List<String> classes() {
        return classes;
    }

    @Override
    public int label(int i) {
        return labels.get(i)[0];
    }

    @Override
    public int[] labels(int i) {
        return labels.get(i).clone();
    }

    @Override
    public void pixels(int i, float[] dst, int offset) {
        try {
            Planar img = ImageFit.fit(ImageFiles.read(files.get(i)), channels, size, size);
            ImageFit.copyChw(img, dst, offset);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String source() {
        return root.toString();
    }
}
