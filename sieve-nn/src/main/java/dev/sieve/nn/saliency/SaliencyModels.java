package dev.sieve.nn.saliency;

import dev.sieve.image.io.UserPaths;
import dev.sieve.nn.model.DjlClassifier;
import dev.sieve.nn.model.ModelFiles;
import dev.sieve.nn.model.SieveModel;
import dev.sieve.nn.msroi.MsroiModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The saliency models of this process: each opened once and shared by every caller that names it
 * (compress, saliency, eval, the semantic-quantization defense, the service, a Spark executor).
 * A built-in name is one model; a file is one model per real path, size and modification time, so
 * two spellings of a path share it and a file rewritten in place is opened again. The models are never
 * closed (they live as long as the process); their network passes hold the model's monitor.
 */
public final class SaliencyModels {
    private static final Map<String, DjlClassifier> OPEN = new ConcurrentHashMap<>();

    private SaliencyModels() {
    }

    /**
     * The model {@code spec} names: a built-in name ({@code msroi-scenes}, {@code builtin:NAME}) or a model
     * file ({@link ModelFiles#open}; a TorchScript classifier sees 224 × 224 inputs).
     */
    public static DjlClassifier open(String spec) throws IOException {
        try {
            return OPEN.computeIfAbsent(key(spec), k -> {
                try {
                    return ModelFiles.open(spec, null, 224);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** {@link #open} of an MS-ROI network ({@link MsroiModels#isMsroi}); any other model is refused with one line. */
    public static SieveModel msroi(String spec) throws IOException {
        DjlClassifier c = open(spec);
        if (!MsroiModels.isMsroi(c)) {
            String arch = c instanceof SieveModel m ? m.info().architecture() : "a TorchScript classifier";
            throw new IllegalArgumentException(spec + ": " + arch + " is not an MS-ROI network (msroi-S-WxD, msroi-vgg16, msroi-resnet…)");
        }
        return (SieveModel) c;
    }

    private static String key(String spec) throws IOException {
        Path file = UserPaths.of(spec);
        if (spec.startsWith(ModelFiles.BUILTIN_PREFIX) || !Files.isRegularFile(file)) {
            String name = spec.startsWith(ModelFiles.BUILTIN_PREFIX) ? spec.substring(ModelFiles.BUILTIN_PREFIX.length()) : spec;
            return ModelFiles.BUILTIN_PREFIX + name;
        }
        return file.toRealPath() + "\0" + Files.size(file) + "\0" + Files.getLastModifiedTime(file).toMillis();
    }
}
