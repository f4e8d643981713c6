package dev.sieve.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.Path;

/**
 * Where a corpus file's output goes: its path relative to the input folder, with the extension
 * replaced by {@code .jpg}, under the output folder. Paths are compared as URI paths, so they work the
 * same on the local file system, HDFS and object stores.
 */
final class CorpusPaths implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The file names read by default: the image formats Sieve decodes, lower or upper case. */
    static final String DEFAULT_GLOB = "*.{png,jpg,jpeg,bmp,gif,tif,tiff,PNG,JPG,JPEG,BMP,GIF,TIF,TIFF}";

    private final String inputRoot;

    /** @param inputRoot the qualified input folder */
    CorpusPaths(Path inputRoot) {
        String p = inputRoot.toUri().getPath();
        this.inputRoot = p.endsWith("/") ? p : p + "/";
    }

    /** {@code file}'s path relative to the input folder ({@code a/b/photo.png}). */
    String relative(String file) {
        String p = new Path(file).toUri().getPath();
        if (!p.startsWith(inputRoot)) {
            throw new IllegalArgumentException(file + ": not under the input folder " + inputRoot);
        }
        return p.substring(inputRoot.length());
    }

    /** The output path of input {@code relative}: the same folders and name, extension {@code .jpg}. */
    static String outputOf(String relative) {
        int slash = relative.lastIndexOf('/');
        int dot = relative.lastIndexOf('.');
        return (dot > slash + 1 ? relative.substring(0, dot) : relative) + ".jpg";
    }

    /**
     * Inputs whose output path another input also maps to ({@code a/x.png} and {@code a/x.jpg}), each with
     * its error: the first in path order keeps the output, the others are refused.
     */
    static Map<String, String> collisions(List<String> relativePaths) {
        List<String> sorted = new ArrayList<>(relativePaths);
        sorted.sort(null);
        Map<String, String> owner = new HashMap<>();
        Map<String, String> refused = new HashMap<>();
        for (String r : sorted) {
            String out = outputOf(r).toLowerCase(Locale.ROOT);
            String first = owner.putIfAbsent(out, r);
            if (first != null) {
                refused.put(r, "output " + outputOf(r) + " is already written for " + first);
            }
        }
        return refused;
    }
}
