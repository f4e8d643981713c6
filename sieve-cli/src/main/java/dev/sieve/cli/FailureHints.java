package dev.sieve.cli;

import java.util.Map;

/**
 * The command-line hints of library failures: the libraries say what is wrong without naming options or
 * commands; the CLI adds which option or command fixes it, here in one place.
 */
final class FailureHints {
    /** A fragment of a library message → the hint appended to it. */
    private static final Map<String, String> HINTS = Map.of(
            "not an MS-ROI network", "train one with 'sieve train msroi'; --saliency rcam takes a classifier",
            "a TorchScript model needs a class-names file", "give it with --classes FILE",
            "without a Sieve model description", "import PyTorch weights with 'sieve import --arch NAME'",
            "fetches the detector models", "--models-dir names another folder",
            "not a folder (give the folder of images", "--glob picks the file names to read in it");

    private FailureHints() {
    }

    /** {@code message} with the hint of the first fragment it contains, if any. */
    static String add(String message) {
        if (message == null) {
            return null;
        }
        for (Map.Entry<String, String> h : HINTS.entrySet()) {
            if (message.contains(h.getKey())) {
                return message + " (" + h.getValue() + ")";
            }
        }
        return message;
    }
}
