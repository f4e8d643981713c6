package dev.sieve.cli;

import dev.sieve.image.Planar;
import dev.sieve.image.io.ImageFiles;
import dev.sieve.image.metrics.Channels;
import dev.sieve.image.metrics.QualityReport;
import dev.sieve.image.saliency.SaliencyMap;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sieve metrics}: the seven quality metrics of the thesis' Table 2.1 for one image pair. */
@Command(
        name = "metrics",
        mixinStandardHelpOptions = true,
        description = {
            "The seven quality metrics of thesis Table 2.1 for an image pair.",
            "",
            "Prints PSNR, PSNR-S, PSNR-HVS, PSNR-HVS-M, SSIM, MS-SSIM and VIFp of DIST against REF."
                    + " PSNR-family values are in dB; identical images score Infinity (the string \"Infinity\" in JSON).",
            "",
            "With --json, one object whose metric keys are psnr, psnr_s, psnr_hvs, psnr_hvsm, ssim, ms_ssim and vifp.",
            "",
            "A metric undefined for the pair prints n/a (null in JSON): PSNR-S without --map or with an empty region,"
                    + " PSNR-HVS(-M) under 8 px a side, SSIM under 11 px, MS-SSIM under 161 px, VIFp under 41 px or with"
                    + " a flat REF."
        })
public final class MetricsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REF", description = "Reference (original) image.")
    Path reference;

    @Parameters(index = "1", paramLabel = "DIST", description = "Distorted (e.g. compressed) image, same size as REF.")
    Path distorted;

    @Option(names = "--map", paramLabel = "MAP.png",
            description = "Saliency map (grayscale, 0..255 = 0..1, stretched over the image) defining PSNR-S's region.")
    Path map;

    @Mixin
    PsnrSThresholdOption threshold;

    @ArgGroup(exclusive = true)
    ChannelChoice channels = new ChannelChoice();

    @Mixin
    JsonOption json;

    /** {@code --luma} (default) or {@code --rgb}. */
    static final class ChannelChoice {
        @Option(names = "--luma", description = "Compare BT.601 luma, as VQMT and the thesis did (default).")
        boolean luma;

        @Option(names = "--rgb", description = "Compare R, G and B: PSNR family pools the error, the others average the channels.")
        boolean rgb;

        Channels value() {
            return rgb ? Channels.RGB : Channels.LUMA;
        }
    }

    @Override
    public Integer call() throws Exception {
        double threshold = this.threshold.checked();
        Planar ref = ImageFiles.read(reference);
        Planar dist = ImageFiles.read(distorted);
        if (ref.width() != dist.width() || ref.height() != dist.height()) {
            throw new IllegalArgumentException(reference + " is " + ref.width() + "x" + ref.height() + " but " + distorted
                    + " is " + dist.width() + "x" + dist.height() + "; metrics need images of the same size");
        }
        SaliencyMap saliency = map == null ? null : SaliencyMap.read(map);
        Channels ch = channels.value();
        QualityReport q = QualityReport.of(ref, dist, saliency, threshold, ch);
        PrintWriter out = spec.commandLine().getOut();
        if (json.json) {
            Map<String, Object> o = Json.document("metrics");
            o.put("reference", reference.toString());
            o.put("distorted", distorted.toString());
            o.put("width", ref.width());
            o.put("height", ref.height());
            o.put("channels", ch.name().toLowerCase(Locale.ROOT));
            o.put("map", map == null ? null : map.toString());
            o.put("threshold", threshold);
            o.putAll(q.fields());
            out.println(Json.write(o));
        } else {
            MetricsText.print(out, reference, distorted, ch, q, saliency, threshold, ref.width(), ref.height());
        }
        out.flush();
        return 0;
    }
}
