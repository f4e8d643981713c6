package dev.sieve.nn.saliency;

import dev.sieve.image.Planar;
import dev.sieve.image.saliency.SaliencyMap;
import dev.sieve.image.saliency.SaliencySource;
import dev.sieve.nn.detect.Detector;
import dev.sieve.nn.detect.Detectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The detector sources ({@code objects}, {@code faces}, {@code people}) of one models directory, each
 * opened once per process and shared by every thread. A missing directory, a missing or bad model
 * file leaves that detector out and {@link #note} says so in one line; the others still run.
 */
public final class DetectorSources {
    /** The detector source names, in the order {@code auto} fuses them. */
    public static final List<String> NAMES = List.of("objects", "faces", "people");
    private static final Map<Path, DetectorSources> OPEN = new ConcurrentHashMap<>();

    private final Path dir;
    private final Map<String, Detector> detectors = new LinkedHashMap<>();
    private final String note;
    private final AtomicBoolean announced = new AtomicBoolean();

    private DetectorSources(Path dir) {
        this.dir = dir;
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            problems.add("models directory " + dir + " does not exist (scripts/fetch-models " + dir + " fetches them)");
        } else {
            for (String name : NAMES) {
                try {
                    detectors.put(name, Detectors.open(name, dir));
                } catch (IOException | RuntimeException e) {
                    problems.add(name + ": " + e.getMessage());
                }
            }
        }
        List<String> absent = NAMES.stream().filter(n -> !detectors.containsKey(n)).toList();
        this.note = absent.isEmpty() ? null : "without detector" + (absent.size() > 1 ? "s " : " ") + String.join(", ", absent)
                + ": " + String.join("; ", problems);
    }

    /** The detectors of {@code dir}, opened on first use and kept for the process's lifetime. */
    public static DetectorSources at(Path dir) {
        return OPEN.computeIfAbsent(dir.toAbsolutePath().normalize(), DetectorSources::new);
    }

    /** The models directory. */
    public Path dir() {
        return dir;
    }

    /** The detectors that loaded, in {@link #NAMES} order. */
    public List<String> available() {
        return List.copyOf(detectors.keySet());
    }

    /** One line naming the detectors that did not load and why, or null when all did. */
    public String note() {
        return note;
    }

    /** {@link #note}, the first time it is asked for in this process (then null), so a run says it once. */
    public String noteOnce() {
        return note != null && announced.compareAndSet(false, true) ? note : null;
    }

    /** What detector {@code name} finds in {@code rgb}, its map at {@code w × h}. */
    public Detector.Result detect(String name, Planar rgb, int w, int h) {
        return detector(name).detect(rgb, w, h);
    }

    private Detector detector(String name) {
        Detector d = detectors.get(name);
        if (d == null) {
            throw new IllegalArgumentException(Detectors.isDetector(name) ? name + " is not available (" + note + ")"
                    : "detector must be " + Detectors.NAMES + ", got '" + name + "'");
        }
        return d;
    }

    /** Detector {@code name} as a saliency source: its map; each call's result also goes to {@code found} (by name) unless it is null. */
    public SaliencySource source(String name, Map<String, Detector.Result> found) {
        return source(name, found, null);
    }

    /**
     * As {@link #source(String, Map)}, gated: when {@code gate} (a detector, or null for none) finds nothing in the
     * image, the map is empty and there are no detections. The person segmentation is a portrait model that
     * also segments landscapes and close-ups of objects, so a fusion may trust it only on photos with a face.
     */
    public SaliencySource source(String name, Map<String, Detector.Result> found, String gate) {
        detector(name);
        if (gate != null) {
            detector(gate);
        }
        return SaliencySource.sized(name, false, (img, w, h) -> {
            Detector.Result r = gate != null && detect(gate, img, w, h).detections().isEmpty()
                    ? new Detector.Result(List.of(), SaliencyMap.uniform(w, h, 0f))
                    : detect(name, img, w, h);
            if (found != null) {
                found.put(name, r);
            }
            return r.map();
        });
    }
}
