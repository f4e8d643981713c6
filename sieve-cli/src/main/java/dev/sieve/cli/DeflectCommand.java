package dev.sieve.cli;

import dev.sieve.image.defense.PixelDeflectionDefense;
import dev.sieve.image.deflection.PixelDeflection;
import dev.sieve.image.deflection.PixelDeflection.ChannelMode;
import dev.sieve.image.deflection.PixelDeflection.Options;
import dev.sieve.image.deflection.PixelDeflection.Replacement;
import dev.sieve.image.deflection.PixelDeflection.Sampling;
import dev.sieve.image.saliency.SaliencyMap;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sieve deflect}: pixel deflection (thesis Algorithm 2, §4.8). */
@Command(
        name = "deflect",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Pixel deflection (thesis Algorithm 2), optionally guided by a saliency map.",
            "",
            "Pixel deflection (thesis Algorithm 2): K times, pick a random pixel and replace it by a random pixel of the (2r+1)x(2r+1) window around it. With --map, a picked pixel is deflected only when its map value is below a uniform draw, so white (1) regions are never touched (sec. 4.8). Defaults are the thesis' K=100, r=10. The same --seed gives the same output.",
            "",
            "With several INs or folders and -d DIR, each image becomes DIR/its relative path with .png (--jobs at a time, the same seed for each), one line per file and a totals line."},
        footer = {"", "Example: sieve deflect photo.png -o deflected.png --deflections 100 --window 10 --map rcam.png --seed 7"})
public final class DeflectCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ImageTransformIO io;

    @Option(names = {"-k", "--deflections"}, paramLabel = "K", defaultValue = "100", description = "Number of deflections K (default: ${DEFAULT-VALUE}).")
    int deflections;

    @Option(names = {"-w", "--window"}, paramLabel = "R", defaultValue = "10", description = "Window apothem r in pixels (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--map", paramLabel = "MAP.png", description = "Map in [0,1] (grayscale, white = keep), stretched over the image.")
    Path map;

    @Mixin
    SeedOption seed;

    @Option(names = "--sampling", paramLabel = "S", defaultValue = "uniform", description = "Neighbour sampling: uniform or gaussian (sd r/2) (default: ${DEFAULT-VALUE}).")
    Sampling sampling;

    @Option(names = "--replace", paramLabel = "R", defaultValue = "random", description = "Replacement: random, min, max or mean of the window (default: ${DEFAULT-VALUE}).")
    Replacement replacement;

    @Option(names = "--per-channel", description = "Deflect each channel at its own position (the author's code) instead of whole pixels.")
    boolean perChannel;

    @Option(names = "--original-code", description = "The author's code's quirks: in-place deflection, row/column 0 never a source; implies --per-channel.")
    boolean originalCode;

    @Override
    public Integer call() throws Exception {
        Options options = UsageError.fromOptions(() -> new Options(deflections, window, sampling, replacement,
                perChannel || originalCode ? ChannelMode.CHANNEL : ChannelMode.PIXEL, originalCode));
        SaliencyMap m = map == null ? null : SaliencyMap.read(map);
        PixelDeflection deflection = new PixelDeflection(options);
        return ImageTransforms.run(spec.commandLine(), "deflect", io.inputs, io.output, io.batch, io.json.json,
                new PixelDeflectionDefense(options, m, map).spec() + " (seed " + seed.value + ")", img -> deflection.apply(img, m, seed.value),
                map == null ? List.of() : List.of(map));
    }
}
