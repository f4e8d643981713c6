package dev.sieve.cli;

import dev.sieve.jpeg.eval.RateDistortionEvaluation;
import dev.sieve.jpeg.eval.SemanticComparison;
import dev.sieve.nn.compress.CompressionEvaluation;
import dev.sieve.nn.compress.CompressionSummary;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sieve eval compression}: the thesis' Table 2.1 and Figures 2.1, 2.4–2.5 on a folder of
 * images. Per image: plain JPEG at the match quality, then each semantic mode at that file's size
 * (±1 %), all seven metrics of each decoded file against the original, bytes and encode time.
 * With {@code --baseline}, also the rate–distortion protocol of {@link RateDistortionEvaluation}
 * against external encoders (Sieve's plain mode and each semantic mode at the size of classic plain
 * JPEG at each sweep quality), written beside the Table 2.1 report. The protocol is
 * {@link CompressionEvaluation}; this class parses options and writes its result.
 */
@Command(
        name = "compression",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Semantic vs plain JPEG on a folder: thesis Table 2.1, Figures 2.1, 2.4, 2.5.",
            "",
            "Per image in DIR: plain JPEG at --match-quality, then each of --modes at the same size (within 1 %%);"
                    + " all seven metrics (see sieve metrics), bytes and encode time.",
            "",
            "Writes OUT_DIR/results.csv (one row per image and method), summary.json (parameters, data identity,"
                    + " means per method in Table 2.1 layout), psnr_hvs_difference.png (Fig. 2.4/2.5) and"
                    + " crops/NAME.png (the most salient region of each image, Fig. 2.1).",
            "",
            "Saliency: MAPS/NAME.png for image NAME.ext with --map-dir (used for encoding and PSNR-S), else the map"
                    + " --saliency computes, as sieve compress does (default: auto), used as it is (compress would refuse an untrusted map).",
            "",
            "Rate-distortion vs other encoders (with one or more --baseline, in addition to the above): every method runs"
                    + " at each quality q of --sweep: 'plain' (plain mode, --tune) and each of --modes match the size of"
                    + " classic plain JPEG at q (within 1 %%), a baseline runs its command with {q}. Each file is decoded and measured"
                    + " (bytes, bpp, PSNR, PSNR-S, SSIM, MS-SSIM). Per image and as means over images: BD-rate (%%, negative ="
                    + " Sieve needs fewer bytes) and BD-quality (metric units; BD-PSNR for PSNR) of each Sieve method against"
                    + " each baseline (piecewise cubic, PCHIP over log rate), and the equal-bytes table: Sieve's file at"
                    + " --match-quality against the baseline's metric interpolated at exactly that byte count (never"
                    + " extrapolated). Adds rd.csv, bd.csv, equal_bytes.csv, rd.png (PSNR vs bpp), rd_psnr_s.png and a"
                    + " rate_distortion block in summary.json, and prints a summary table.",
            "",
            "Example:",
            "  sieve eval compression photos/ --map-dir maps/ -d report/ \\",
            "    --baseline 'cjpeg=cjpeg -optimize -quality {q}' \\",
            "    --baseline 'mozjpeg=/opt/mozjpeg/bin/cjpeg -quality {q}'"
        })
public final class EvalCompressionCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "Folder of images (PNG, JPEG, BMP, GIF, TIFF; not searched recursively).")
    Path dir;

    @Option(names = {"-d", "--out-dir"}, required = true, paramLabel = "OUT_DIR", description = "Folder for the report (created if missing).")
    Path out;

    @picocli.CommandLine.Mixin
    SaliencyOptions saliencyOptions;

    @Option(names = "--map-dir", paramLabel = "MAPS", description = "Folder of saliency maps MAPS/NAME.png, one per image.")
    Path mapDir;

    @picocli.CommandLine.Mixin
    ComparisonOptions comparison;

    @picocli.CommandLine.Mixin
    BaselineOptions baselines;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        saliencyOptions.validate();
        SemanticComparison.Config c = comparison.config();
        RateDistortionEvaluation rd = baselines.protocol(c);
        List<Path> images = CompressionEvaluation.listImages(dir);
        List<Path> maps = mapDir == null ? null : CompressionEvaluation.mapFiles(images, mapDir);
        CompressionEvaluation.checkReportFolder(out, dir);
        CompressionEvaluation eval = new CompressionEvaluation(c, rd);
        CompressionEvaluation.Result r;
        try (ProgressBar bar = Progress.bar("eval compression", eval.steps(images.size()))) {
            r = eval.run(images, maps, img -> saliencyOptions.compute(img).map(), bar::step, bar::setExtraMessage);
        }
        r.write(out, new CompressionSummary("eval.compression", c, baselines.spec()).input("input", dir.toString())
                .input("map_dir", mapDir == null ? null : mapDir.toString())
                .input("saliency", mapDir == null ? saliencyOptions.describe() : "maps from map_dir").result(r).build());
        CompressionPlots.write(out, r);
        CompressionTables.means(spec.commandLine().getOut(), c.methods(), r.means(), r.images().size(), c.channels(), out.toString());
        if (r.rd() != null) {
            CompressionTables.rateDistortion(spec.commandLine().getOut(), r.rd());
        }
        Progress.say(spec.commandLine().getErr(), out + ": eval compression report of " + r.images().size() + " images");
        return 0;
    }
}
