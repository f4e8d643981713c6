package dev.sieve.cli;

import dev.sieve.image.io.AtomicFiles;
import dev.sieve.jpeg.eval.RateDistortionEvaluation;
import dev.sieve.jpeg.eval.RdMetric;
import dev.sieve.jpeg.eval.SemanticComparison;
import dev.sieve.nn.compress.CompressionEvaluation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IOException(out + ": exists and is not a folder");
        }
        if (Files.isDirectory(out) && Files.isSameFile(out, dir)) {
            throw new IOException(out + ": the report folder must not be the image folder");
        }
        CompressionEvaluation eval = new CompressionEvaluation(c, rd);
        CompressionEvaluation.Result r;
        try (ProgressBar bar = Progress.bar("eval compression", eval.steps(images.size()))) {
            r = eval.run(images, maps, img -> saliencyOptions.compute(img).map(), bar::step, bar::setExtraMessage);
        }
        write(r, rd);
        return 0;
    }

    private void write(CompressionEvaluation.Result r, RateDistortionEvaluation rdSetup) throws IOException {
        Files.createDirectories(out);
        AtomicFiles.write(out.resolve("results.csv"), r.csv().getBytes(StandardCharsets.UTF_8));
        Map<String, Map<String, Object>> means = r.means();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("software", new Sieve.Version().getVersion()[0]);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("dir", dir.toString());
        params.put("map_dir", mapDir == null ? null : mapDir.toString());
        params.put("saliency", mapDir == null ? saliencyOptions.describe() : "maps from map_dir");
        params.putAll(CompressionEvaluation.parameters(r.config(), rdSetup));
        if (rdSetup != null) {
            params.put("baseline_timeout_s", baselines.timeout);
        }
        summary.put("parameters", params);
        summary.put("images", r.images());
        summary.put("means", means);
        summary.put("table_2_1", CompressionEvaluation.table(means));
        if (r.rd() != null) {
            summary.put("rate_distortion", r.rd().summary());
            r.rd().writeCsv(out);
            for (RdMetric k : List.of(RdMetric.PSNR, RdMetric.PSNR_S)) {
                byte[] png = CompressionPlots.rateDistortion(r.rd(), k);
                if (png != null) {
                    AtomicFiles.write(out.resolve(k == RdMetric.PSNR ? "rd.png" : "rd_psnr_s.png"), png);
                }
            }
        }
        AtomicFiles.write(out.resolve("summary.json"),
                (Json.write(Json.report("eval.compression", summary)) + "\n").getBytes(StandardCharsets.UTF_8));
        Map<String, double[]> diff = r.psnrHvsDifferences();
        if (!diff.isEmpty()) {
            List<String> names = r.crops().stream().map(CompressionEvaluation.Crop::image).toList();
            AtomicFiles.write(out.resolve("psnr_hvs_difference.png"), CompressionPlots.psnrHvsDifference(names, diff, r.config().matchQuality()));
        }
        Path cropDir = Files.createDirectories(out.resolve("crops"));
        for (CompressionEvaluation.Crop crop : r.crops()) {
            AtomicFiles.write(cropDir.resolve(crop.image() + ".png"), CompressionPlots.sideBySide(crop));
        }
        CompressionTables.means(spec.commandLine().getOut(), r.config().methods(), means, r.images().size(), r.config().channels(), out.toString());
        if (r.rd() != null) {
            CompressionTables.rateDistortion(spec.commandLine().getOut(), r.rd());
        }
        Progress.say(spec.commandLine().getErr(), out + ": eval compression report of " + r.images().size() + " images");
    }
}
