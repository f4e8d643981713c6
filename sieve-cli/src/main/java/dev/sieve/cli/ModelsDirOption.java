package dev.sieve.cli;

import dev.sieve.nn.detect.ModelsDirectory;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --models-dir}: the folder of the pretrained detector models (objects, faces, people). */
final class ModelsDirOption {
    @Option(names = "--models-dir", paramLabel = "DIR",
            description = "Detector models for objects, faces, people and auto (scripts/fetch-models DIR fetches them; default: $SIEVE_MODELS, else ~/.cache/sieve/models;"
                    + " auto runs without those absent or bad and says so once; objects runs CenterNet at 320x320, $SIEVE_OBJECTS_INPUT sets another"
                    + " multiple of 32).")
    String dir;

    /** The folder: the option, else $SIEVE_MODELS, else ~/.cache/sieve/models. */
    Path resolve() {
        return ModelsDirectory.resolve(dir);
    }
}
