package dev.sieve.cli;

import dev.sieve.image.io.UserPaths;
import dev.sieve.nn.data.FashionMnist;
import dev.sieve.nn.data.scenes.CutoutLibrary;
import dev.sieve.nn.data.scenes.CutoutLibrary.Split;
import dev.sieve.nn.data.scenes.SceneGenerator;
import dev.sieve.nn.data.scenes.SceneGenerator.Settings;
import dev.sieve.nn.data.scenes.SceneSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sieve scenes}: synthetic multi-object scenes with exact masks, for MS-ROI (thesis §2.3). */
@Command(
        name = "scenes",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Makes synthetic multi-object scenes with masks, for training and scoring MS-ROI maps.",
            "",
            "Pastes 1..K object cut-outs of distinct classes (PNGs with transparency in OBJECTS/CLASS/**, e.g. /usr/share/tuxpaint/stamps, or fashion-mnist items) at random sizes, places and flips onto random square crops of background photos. Writes OUT/CLASS/scene-NNNNNN.png under every class in the scene (Caltech-256 class-folder layout; a file under several classes is one multi-label sample), OUT/masks/scene-NNNNNN.png (gray: 1 + index of the visible object, 0 = background) and OUT/annotations.json (classes, boxes, visible pixel counts, settings, sources).",
            "",
            "About 20 %% of the cut-outs of every class and of the backgrounds are held out for --split test, chosen by a fixed hash of their names, so test scenes show unseen objects on unseen photos. The same --seed and inputs give the same files."},
        footer = {"", "Example: sieve scenes --objects /usr/share/tuxpaint/stamps --classes animals,food,plants,vehicles --backgrounds /usr/share/backgrounds --split train --count 5000 -d scenes/train"})
public final class ScenesCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--objects", required = true, paramLabel = "DIR",
            description = "Cut-outs: a folder OBJECTS/CLASS/**.png (PNGs with transparency), or fashion-mnist.")
    String objects;

    @Option(names = "--classes", paramLabel = "CLASS", split = ",", description = "Use only these classes (default: all).")
    List<String> classes;

    @Option(names = "--backgrounds", required = true, arity = "1..*", paramLabel = "PATH",
            description = "Background photos: PNG/JPEG files or folders (searched recursively).")
    List<Path> backgrounds;

    @Option(names = "--split", paramLabel = "SPLIT", defaultValue = "train",
            description = "train, test (held-out ~20 %% of objects and backgrounds) or all (default: ${DEFAULT-VALUE}).")
    Split split;

    @Option(names = {"-n", "--count"}, paramLabel = "N", defaultValue = "1000", description = "Number of scenes (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--size", paramLabel = "S", defaultValue = "128", description = "Scene width and height in pixels (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--max-objects", paramLabel = "K", defaultValue = "3", description = "Most objects per scene; each scene has 1..K (default: ${DEFAULT-VALUE}).")
    int maxObjects;

    @Option(names = "--min-scale", paramLabel = "F", defaultValue = "0.25", description = "Smallest object: longer side as a fraction of S (default: ${DEFAULT-VALUE}).")
    double minScale;

    @Option(names = "--max-scale", paramLabel = "F", defaultValue = "0.6", description = "Largest object: longer side as a fraction of S (default: ${DEFAULT-VALUE}).")
    double maxScale;

    @Option(names = "--min-visible", paramLabel = "F", defaultValue = "0.25",
            description = "Least fraction of each object left visible by later ones; placements are redrawn to keep it (default: ${DEFAULT-VALUE}).")
    double minVisible;

    @Option(names = "--per-class", paramLabel = "N", defaultValue = "1000",
            description = "With fashion-mnist: most items per class taken from the 60 000 training images (default: ${DEFAULT-VALUE}).")
    int perClass;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @picocli.CommandLine.Mixin
    OutDirOption outDir;

    @Override
    public Integer call() throws Exception {
        Settings settings = new Settings(size, maxObjects, minScale, maxScale, minVisible);
        if (count < 1) {
            throw new UsageError("--count must be at least 1, got " + count);
        }
        Path out = outDir.dir;
        if (out == null) {
            throw new UsageError("missing -d/--out-dir DIR, the folder for the scenes (new or empty)");
        }
        if (Files.isDirectory(out)) {
            try (var s = Files.list(out)) {
                if (s.findAny().isPresent()) {
                    throw new IllegalArgumentException(out + ": output folder is not empty; choose a new one");
                }
            }
        } else if (Files.exists(out)) {
            throw new IllegalArgumentException(out + ": exists and is not a folder");
        }
        List<Path> files = SceneGenerator.backgroundFiles(backgrounds, split);
        List<String> keep = classes == null ? List.of() : classes.stream().map(String::strip).filter(c -> !c.isEmpty()).toList();
        int maxSide = Math.max(CutoutLibrary.MIN_SIDE, (int) Math.ceil(maxScale * size));
        CutoutLibrary lib;
        if (objects.equals("fashion-mnist")) {
            lib = CutoutLibrary.fromDataset(FashionMnist.load(FashionMnist.DEBIAN_DIR, true), "fashion-mnist",
                    keep, split, maxSide, perClass, seed);
        } else {
            lib = CutoutLibrary.fromFolder(UserPaths.of(objects), keep, split, maxSide);
        }
        SceneGenerator gen = new SceneGenerator(lib, SceneGenerator.loadBackgrounds(files, size), settings);
        SceneSet.Annotations a;
        try (ProgressBar bar = Progress.bar("scenes", count)) {
            a = SceneSet.write(gen, count, seed, split, out, bar::stepTo);
        }
        long objectsPlaced = a.scenes().stream().mapToLong(s -> s.objects().size()).sum();
        int skippedFiles = lib.skipped().values().stream().mapToInt(Integer::intValue).sum();
        spec.commandLine().getOut().printf("%s: %d scenes, %d objects of %d classes (%d cut-outs, %d files skipped), "
                + "%d backgrounds, split %s%n", out, a.scenes().size(), objectsPlaced, lib.usableClasses().size(),
                lib.size(), skippedFiles, files.size(), a.split());
        return 0;
    }
}
