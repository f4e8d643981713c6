package dev.sieve.cli;

import dev.sieve.image.Planar;
import dev.sieve.image.io.ImageFiles;
import dev.sieve.image.metrics.Channels;
import dev.sieve.image.metrics.PsnrS;
import dev.sieve.image.metrics.QualityReport;
import dev.sieve.image.saliency.SaliencyMap;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
            o.putAll(metricValues(q));
            out.println(Json.write(o));
        } else {
            out.printf(Locale.ROOT, "%s vs %s (%dx%d, %s)%n", reference, distorted, ref.width(), ref.height(),
                    ch == Channels.LUMA ? "BT.601 luma" : "RGB");
            line(out, "PSNR", q.psnr(), " dB", "");
            String region = saliency == null ? "no --map" : String.format(Locale.ROOT, "region: map >= %s, %.1f %% of pixels",
                    threshold, 100 * PsnrS.coverage(saliency, ref.width(), ref.height(), threshold));
            line(out, "PSNR-S", q.psnrS(), " dB", region);
            line(out, "PSNR-HVS", q.psnrHvs(), " dB", "");
            line(out, "PSNR-HVS-M", q.psnrHvsM(), " dB", "");
            line(out, "SSIM", q.ssim(), "", "");
            line(out, "MS-SSIM", q.msSsim(), "", "");
            line(out, "VIFp", q.vifp(), "", "");
        }
        out.flush();
        return 0;
    }

    /**
     * The seven metrics under their report keys ({@link QualityReport#KEYS}, Table 2.1 order): an infinite
     * PSNR stays a double (written as the string "Infinity" by {@link Json}); an undefined metric
     * ({@code NaN}) becomes null.
     */
    static Map<String, Object> metricValues(QualityReport q) {
        double[] values = q.values();
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            m.put(QualityReport.KEYS[i], Double.isNaN(values[i]) ? null : values[i]);
        }
        return m;
    }

    private static void line(PrintWriter out, String name, double v, String unit, String note) {
        String value = Double.isNaN(v) ? "n/a" : (Double.isInfinite(v) ? "Infinity" : String.format(Locale.ROOT, "%.4f", v)) + unit;
        out.printf(Locale.ROOT, "  %-11s %s%s%n", name, value, note.isEmpty() ? "" : "  (" + note + ")");
    }
}
