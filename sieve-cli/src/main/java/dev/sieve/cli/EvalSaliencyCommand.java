package dev.sieve.cli;

import dev.sieve.image.io.AtomicFiles;
import dev.sieve.image.saliency.SaliencySource;
import dev.sieve.image.saliency.SubjectBoxes;
import dev.sieve.jpeg.eval.SaliencyEvaluation;
import dev.sieve.jpeg.semantic.SemanticMode;
import dev.sieve.jpeg.semantic.SemanticOptions;
import dev.sieve.nn.saliency.DetectorSources;
import dev.sieve.nn.saliency.SaliencySources;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sieve eval saliency}: saliency sources scored against hand-drawn subject boxes of real photos. */
@Command(
        name = "saliency",
        header = "Saliency sources against hand-boxed subjects of real photos: coverage, lift, pointing, time, equal-bytes compress gain.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Scores saliency sources on photos with hand-drawn subject boxes (scripts/saliency-photos makes the set of docs/results/saliency-photos/boxes.csv).",
            "",
            "Per photo and source: coverage (share of the map's top-k pixels on the subject, k = subject area), lift (map mass on the subject / subject area),"
                    + " pointing (the map's maximum lies on the subject), the time to compute the map, and the equal-bytes compress result:"
                    + " the photo compressed as sieve compress does with that map (a map it refuses gives the plain file) against the plain JPEG"
                    + " of the same tune at the same bytes, luma PSNR over the boxes (subject) and over the whole image.",
            "",
            "Sources: auto (the default of sieve compress), msroi, spectral, center, boundary (background prior, Zhu et al. 2014), focus (sharp edges, Zhuo & Sim 2011),"
                    + " the detectors objects, faces, people (--models-dir), mix:NAME=W+NAME=W[/alpha=A][/low=L][/high=H][/emphasis=E][/cover=NAME+NAME|none]"
                    + " (a fusion of any of these; detector maps enter as scores, are added again E times after the stretch, and those named"
                    + " by cover, default faces+people, bound it from below).",
            "Writes, in --out-dir: results.csv (one row per photo and source), table.md and summary.json (means per source)."},
        footer = {"", "Example: scripts/saliency-photos photos && sieve eval saliency photos --boxes docs/results/saliency-photos/boxes.csv --split test -d report"})
public final class EvalSaliencyCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Folder of the photos, NAME.png for every NAME of the boxes file.")
    Path dir;

    @Option(names = "--boxes", paramLabel = "FILE", required = true, description = "Subject boxes (CSV: name,source,halvings,split,x0,y0,x1,y1,subject).")
    Path boxes;

    @Option(names = "--sources", paramLabel = "S,...", split = ",", defaultValue = "auto,msroi,spectral,boundary,center",
            description = "Sources to score (default: ${DEFAULT-VALUE}).")
    List<String> sources;

    @Option(names = "--split", paramLabel = "SPLIT", defaultValue = "test", description = "validation, test or all (default: ${DEFAULT-VALUE}).")
    String split;

    @picocli.CommandLine.Mixin
    SaliencyOptions saliencyOptions;

    @picocli.CommandLine.Mixin
    SaliencyWeightOption saliencyWeight;

    @Option(names = {"-d", "--out-dir"}, paramLabel = "DIR", required = true, description = "Output folder (created if missing).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!split.matches("validation|test|all")) {
            throw new UsageError("--split must be validation, test or all, got '" + split + "'");
        }
        List<SubjectBoxes.Photo> photos;
        try {
            photos = UsageError.fromOptions(() -> SaliencyEvaluation.photos(boxes, split, dir));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UsageError("--boxes " + boxes + ": no such file");
        }
        SaliencySource msroi = saliencyOptions.msroiSource();
        List<SaliencySource> srcs = new ArrayList<>();
        for (String s : sources) {
            srcs.add(UsageError.fromOptions(() -> SaliencySources.parse(s, msroi, DetectorSources.at(saliencyOptions.modelsDir.resolve()))));
        }
        SemanticOptions options = UsageError.fromOptions(() -> SemanticOptions.defaults(SemanticMode.DIRECT).withSaliencyWeight(saliencyWeight.value()));
        List<SaliencyEvaluation.Row> rows;
        try (ProgressBar bar = Progress.bar("eval saliency", photos.size())) {
            rows = SaliencyEvaluation.run(photos, dir, srcs, options, bar::step);
        }
        List<SaliencyEvaluation.Summary> summaries = SaliencyEvaluation.summarize(rows);
        String table = SaliencyEvaluation.markdown(summaries);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("photos", dir.toString());
        report.put("boxes", boxes.toString());
        report.put("split", split);
        report.put("model", saliencyOptions.model);
        report.put("compress", "direct, visual tune, size of classic JPEG Q50, progressive; plain = plain mode of the same tune at the same bytes");
        report.put("saliency_weight", saliencyWeight.weight);
        report.put("sources", summaries.stream().map(SaliencyEvaluation.Summary::fields).toList());
        Files.createDirectories(out);
        AtomicFiles.write(out.resolve("results.csv"), SaliencyEvaluation.csv(rows).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(out.resolve("table.md"), table.getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(out.resolve("summary.json"), (Json.write(Json.report("eval.saliency", report)) + "\n").getBytes(StandardCharsets.UTF_8));
        spec.commandLine().getOut().print(table);
        spec.commandLine().getOut().flush();
        Progress.say(spec.commandLine().getErr(), out + ": eval saliency report of " + photos.size() + " photos, " + srcs.size() + " sources");
        return 0;
    }
}
