package dev.sieve.nn.detect;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** Opens a detector saliency source by name from a models directory. */
public final class Detectors {
    /** The source names. */
    public static final String NAMES = "objects, faces or people";

    private Detectors() {
    }

    /** Whether {@code name} is a detector source. */
    public static boolean isDetector(String name) {
        return name.matches("objects|faces|people");
    }

    /** The model file (without {@code .json}) the source {@code name} runs. */
    public static String modelOf(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "objects" -> ObjectDetector.MODEL;
            case "faces" -> FaceDetector.MODEL;
            case "people" -> PersonSegmenter.MODEL;
            default -> throw new IllegalArgumentException("detector must be " + NAMES + ", got '" + name + "'");
        };
    }

    /** Loads source {@code name} from {@code modelsDir}; a missing directory or a bad model file throws with one clear line. */
    public static Detector open(String name, Path modelsDir) throws IOException {
        Path json = ModelsDirectory.modelJson(modelsDir, modelOf(name));
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "objects" -> new ObjectDetector(json, ObjectDetector.configuredSize());
            case "faces" -> new FaceDetector(json);
            default -> new PersonSegmenter(json);
        };
    }
}
