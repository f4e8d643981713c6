package dev.sieve.cli;

import dev.sieve.image.io.AtomicFiles;
import dev.sieve.nn.data.DataSets;
import dev.sieve.nn.data.ImageDataset;
import dev.sieve.nn.model.DjlClassifier;
import dev.sieve.nn.train.Accuracy;
import dev.sieve.nn.train.Evaluation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sieve eval classify}: top-1 / top-5 accuracy of a model on a labelled data set. */
@Command(
        name = "classify",
        header = "Top-1 / top-5 accuracy and cross-entropy of a model on a data set's test split.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Top-1 / top-5 accuracy and mean cross-entropy of a model on the test split of a data set;",
            "prints a JSON report (and writes it with -o)."})
public final class EvalClassifyCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    DataOption data;

    @Option(names = "--split", paramLabel = "SPLIT", defaultValue = "test", description = "test or train (default: ${DEFAULT-VALUE}).")
    String split;

    @Mixin
    LimitOption limit;

    @Option(names = "--batch-size", paramLabel = "B", defaultValue = "256", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = {"-o", "--output"}, paramLabel = "REPORT.json", description = "Also write the report to this file.")
    Path output;

    @Override
    public Integer call() throws Exception {
        if (!split.equals("test") && !split.equals("train")) {
            throw new UsageError("--split must be test or train, got " + split);
        }
        limit.check();
        if (batchSize < 1) {
            throw new UsageError("--batch-size must be ≥ 1");
        }
        modelOptions.useAlignedKernels(null);
        try (DjlClassifier model = modelOptions.open()) {
            var in = model.input();
            ImageDataset d = DataSets.open(data.name, split.equals("train"), in.channels(), in.width());
            if (limit.value != null) {
                d = d.head(limit.value);
            }
            long start = System.nanoTime();
            Accuracy a;
            try (ProgressBar bar = Progress.bar("eval", d.size())) {
                a = Evaluation.accuracy(model, d, batchSize, bar::stepBy);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("model", modelOptions.model);
            r.put("data", d.source());
            r.put("split", split);
            r.put("images", a.images());
            r.put("top1", a.top1());
            r.put("top5", a.top5());
            r.put("loss", a.loss());
            r.put("seconds", seconds);
            r.put("images_per_second", a.images() / seconds);
            r.put("software", dev.sieve.nn.report.ReportJson.software());
            String report = Json.write(Json.report("eval.classify", r));
            if (output != null) {
                AtomicFiles.write(output, (report + "\n").getBytes(StandardCharsets.UTF_8));
            }
            spec.commandLine().getOut().println(report);
            spec.commandLine().getOut().flush();
            if (output != null) {
                Progress.say(spec.commandLine().getErr(), output + ": eval classify report of " + a.images() + " images");
            }
        }
        return 0;
    }
}
