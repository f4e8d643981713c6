package dev.sieve.nn.model;

import dev.sieve.image.defense.DefenseParams;
import dev.sieve.image.io.UserPaths;
import dev.sieve.nn.data.Normalization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Opens what a user passes as {@code --model}: {@code builtin:NAME} for a model shipped with Sieve
 * ({@link #BUILTIN}; a bare NAME too when no file of that name exists), a Sieve checkpoint ({@code .safetensors} with a description), or a
 * TorchScript file ({@code .pt}, {@code .pth}, {@code .torchscript}), which needs class names and
 * an input size from the caller (ImageNet normalization, 3 channels).
 */
public final class ModelFiles {
    /**
     * Models shipped in this module's resources: the thesis' C^3(32) and He et al.'s ResNet-20 trained on
     * Fashion-MNIST, and the MS-ROI network of the synthetic scenes.
     */
    public static final List<String> BUILTIN = List.of("fashion-c3-32", "fashion-resnet20", "msroi-scenes");

    /** How a spec names a built-in model: {@code builtin:NAME}. */
    public static final String BUILTIN_PREFIX = "builtin:";

    private ModelFiles() {
    }

    /** True for a file name DJL should load as TorchScript. */
    public static boolean isTorchScript(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".pt") || n.endsWith(".pth") || n.endsWith(".torchscript");
    }

    /** Opens {@code spec}; {@code classes} and {@code inputSize} are used for TorchScript only. */
    public static DjlClassifier open(String spec, Path classes, int inputSize) throws IOException {
        String name = builtinName(spec);
        if (name != null) {
            return builtin(name);
        }
        Path file = UserPaths.of(spec);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file + ": no such model file (built-in models: " + builtinSpecs() + ")");
        }
        if (isTorchScript(file)) {
            if (classes == null) {
                throw new IllegalArgumentException(file + ": a TorchScript model needs a class-names file (one class name per line)");
            }
            return TorchScriptClassifier.load(file, new InputSpec(3, inputSize, inputSize, Normalization.IMAGENET), readClasses(classes));
        }
        return SieveModel.load(file);
    }

    /**
     * The architecture of the Sieve checkpoint or built-in model {@code spec} names, read from its metadata without
     * starting the engine; empty for TorchScript or anything {@link #open} would refuse (it then says why).
     */
    public static Optional<String> architecture(String spec) {
        try {
            Safetensors.Contents c;
            String name = builtinName(spec);
            if (name != null) {
                c = builtinContents(name);
            } else {
                Path file = UserPaths.of(spec);
                if (!Files.isRegularFile(file) || isTorchScript(file)) {
                    return Optional.empty();
                }
                c = Safetensors.read(file);
            }
            String json = c.metadata().get(SieveModel.METADATA_KEY);
            return json == null ? Optional.empty() : Optional.of(ModelInfo.fromJson(json, spec).architecture());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The built-in model {@code spec} names ({@code builtin:NAME}, or a bare NAME with no such file), or null for a
     * file; an unknown {@code builtin:} name is an {@link IllegalArgumentException} naming the built-in models.
     */
    private static String builtinName(String spec) {
        if (spec.startsWith(BUILTIN_PREFIX)) {
            String name = spec.substring(BUILTIN_PREFIX.length());
            if (!BUILTIN.contains(name)) {
                throw new IllegalArgumentException(DefenseParams.quote(spec) + ": no such built-in model (built-in models: " + builtinSpecs() + ")");
            }
            return name;
        }
        return BUILTIN.contains(spec) && !Files.exists(UserPaths.of(spec)) ? spec : null;
    }

    /** The built-in models as specs: {@code builtin:fashion-c3-32, builtin:fashion-resnet20, builtin:msroi-scenes}. */
    public static String builtinSpecs() {
        return String.join(", ", BUILTIN.stream().map(n -> BUILTIN_PREFIX + n).toList());
    }

    /** A model shipped with Sieve. */
    public static SieveModel builtin(String name) throws IOException {
        return SieveModel.load(builtinContents(name), Path.of(BUILTIN_PREFIX + name));
    }

    private static Safetensors.Contents builtinContents(String name) throws IOException {
        try (InputStream in = ModelFiles.class.getResourceAsStream("/dev/sieve/nn/models/" + name + ".safetensors")) {
            if (in == null) {
                throw new NoSuchFileException("built-in model " + name + " is missing from this build");
            }
            return Safetensors.read(ByteBuffer.wrap(in.readAllBytes()), Path.of(BUILTIN_PREFIX + name));
        }
    }

    /** Class names, one per non-empty line. */
    public static List<String> readClasses(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file + ": no such class-name file");
        }
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                names.add(line.strip());
            }
        }
        if (names.isEmpty()) {
            throw new IOException(file + ": no class names (expected one per line)");
        }
        return names;
    }
}
