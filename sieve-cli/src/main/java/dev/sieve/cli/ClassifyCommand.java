package dev.sieve.cli;

import dev.sieve.image.Planar;
import dev.sieve.image.io.ImageFiles;
import dev.sieve.nn.cam.ClassActivationMaps;
import dev.sieve.nn.model.DjlClassifier;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sieve classify}: the top-5 classes of each image with their softmax probabilities. */
@Command(
        name = "classify",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Classifies images: the top-5 classes with softmax probabilities.",
            "Each image is brought to the model's input (channels converted, stretched to its size)."})
public final class ClassifyCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOptions modelOptions;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Images to classify.")
    List<Path> images;

    @Option(names = "--top", paramLabel = "K", defaultValue = "5", description = "How many classes to list (default: ${DEFAULT-VALUE}).")
    int top;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws Exception {
        if (top < 1) {
            throw new UsageError("--top must be ≥ 1");
        }
        List<Planar> inputs = new ArrayList<>();
        try (DjlClassifier model = modelOptions.open()) {
            for (Path p : images) {
                inputs.add(model.input().fit(ImageFiles.read(p)));
            }
            float[][] logits = model.logits(inputs);
            List<Map<String, Object>> results = new ArrayList<>();
            PrintWriter out = spec.commandLine().getOut();
            for (int i = 0; i < images.size(); i++) {
                double[] p = softmax(logits[i]);
                List<Map<String, Object>> classes = new ArrayList<>();
                for (int c : ClassActivationMaps.topClasses(logits[i], top)) {
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("class", model.classes().get(c));
                    e.put("index", c);
                    e.put("probability", p[c]);
                    classes.add(e);
                }
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("image", images.get(i).toString());
                r.put("top", classes);
                results.add(r);
                if (!json.json) {
                    out.println(images.get(i));
                    for (Map<String, Object> e : classes) {
                        out.printf(Locale.ROOT, "  %6.2f%%  %s%n", 100 * (double) e.get("probability"), e.get("class"));
                    }
                }
            }
            if (json.json) {
                Map<String, Object> d = Json.document("classify");
                d.put("model", modelOptions.model);
                d.put("results", results);
                out.println(Json.write(d));
            }
            out.flush();
        }
        return 0;
    }

    static double[] softmax(float[] z) {
        double max = Double.NEGATIVE_INFINITY, sum = 0;
        for (float v : z) {
            max = Math.max(max, v);
        }
        double[] p = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = Math.exp(z[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < z.length; i++) {
            p[i] /= sum;
        }
        return p;
    }
}
