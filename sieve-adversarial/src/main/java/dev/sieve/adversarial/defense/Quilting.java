package dev.sieve.adversarial.defense;

import dev.sieve.image.defense.DefenseParams;
import dev.sieve.image.quilting.ImageQuilting;
import dev.sieve.image.quilting.PatchDatabase;
import dev.sieve.nn.data.DataSets;
import dev.sieve.nn.data.ImageDataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code quilting} stage built from its parameters, its patch database cut from the training
 * split of a data set: {@code data=fashion-mnist} (or a data set folder, fitted to the defended
 * model's input), {@code patches=100000}, {@code patch=5}, {@code overlap=2}, {@code k=10} (Guo et
 * al. 2018's patch side and neighbours), {@code seed=0} (of the database). A database is built once
 * per JVM and parameters, by the first caller (others wait for it).
 */
final class Quilting {
    private static final Map<String, PatchDatabase> CACHE = new ConcurrentHashMap<>();

    private Quilting() {
    }

    static ImageQuilting fromParams(DefenseParams p, int folderChannels, int folderSize) throws IOException {
        p.allow("data", "patches", "patch", "overlap", "k", "seed");
        String data = p.string("data", "fashion-mnist");
        int count = p.integer("patches", 100_000), patch = p.integer("patch", 5), overlap = p.integer("overlap", 2), k = p.integer("k", 10);
        long seed = p.integer("seed", 0);
        if (count < 1 || count > 1_000_000) {
            throw p.bad("patches", String.valueOf(count), "1..1000000");
        }
        if (patch < 2 || patch > 64) {
            throw p.bad("patch", String.valueOf(patch), "2..64");
        }
        String key = data + "|" + folderChannels + "|" + folderSize + "|" + count + "|" + patch + "|" + seed;
        PatchDatabase db;
        try {
            db = CACHE.computeIfAbsent(key, x -> {
                try {
                    return build(data, folderChannels, folderSize, count, patch, seed);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        try {
            return new ImageQuilting(db, overlap, k, "data=" + data + ",patches=" + count + ",seed=" + seed);
        } catch (IllegalArgumentException e) {
            throw p.invalid(e);
        }
    }

    private static PatchDatabase build(String data, int channels, int size, int count, int patch, long seed) throws IOException {
        ImageDataset train = DataSets.open(data, true, channels, size);
        return PatchDatabase.sample(train.size(), train::image, patch, count, seed);
    }
}
