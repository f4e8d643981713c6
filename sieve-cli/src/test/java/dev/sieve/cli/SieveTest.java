package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SieveTest {
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    @Test
    void jsonDocumentsNameTheirSchemaAndUseSnakeCaseKeys() throws Exception {
        java.nio.file.Path a = dir.resolve("a.png"), b = dir.resolve("b.png");
        javax.imageio.ImageIO.write(CompressCommandTest.gradient(64, 48, java.awt.image.BufferedImage.TYPE_3BYTE_BGR), "png", a.toFile());
        javax.imageio.ImageIO.write(CompressCommandTest.gradient(64, 48, java.awt.image.BufferedImage.TYPE_BYTE_GRAY), "png", b.toFile());
        String[][] runs = {
            {"metrics", "metrics", a.toString(), b.toString(), "--json"},
            {"saliency", "saliency", a.toString(), "-o", dir.resolve("m.png").toString(), "--saliency", "spectral", "--json"},
            {"classify", "classify", b.toString(), "--json"},
            {"compress", "compress", a.toString(), "-o", dir.resolve("a.jpg").toString(), "--saliency", "spectral", "--json"},
            {"denoise", "denoise", a.toString(), "-o", dir.resolve("d.png").toString(), "--json"},
            {"deflect", "deflect", a.toString(), "-o", dir.resolve("e.png").toString(), "--json"},
            {"defend", "defend", a.toString(), "-o", dir.resolve("f.png").toString(), "--json"},
            {"bench.jpeg", "bench", "jpeg", "--input", a.toString(), "--runs", "1", "--warmup", "0", "--json"},
            {"bench.train", "bench", "train", "--steps", "1", "--batch-size", "2", "--arch", "c2-4", "--json"},
        };
        for (String[] run : runs) {
            CliRun r = CliRun.of(java.util.Arrays.copyOfRange(run, 1, run.length));
            assertThat(r.exitCode()).as(r.err()).isZero();
            com.fasterxml.jackson.databind.JsonNode j = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
            assertThat(j.get("schema").asText()).isEqualTo("sieve." + run[0]);
            assertThat(j.get("version").asInt()).isEqualTo(Json.VERSION);
            assertThat(keys(j, new java.util.ArrayList<>())).as(run[0]).allMatch(k -> k.matches("[a-z][a-z0-9_]*"));
        }
    }

    @Test
    void everyCommandThatWritesAnImagePrintsOneResultLine() throws Exception {
        java.nio.file.Path a = dir.resolve("a.png");
        javax.imageio.ImageIO.write(CompressCommandTest.gradient(64, 48, java.awt.image.BufferedImage.TYPE_3BYTE_BGR), "png", a.toFile());
        String[][] runs = {
            {"deflect", a.toString(), "-o", dir.resolve("1.png").toString()},
            {"denoise", a.toString(), "-o", dir.resolve("2.png").toString()},
            {"defend", a.toString(), "-o", dir.resolve("3.png").toString()},
            {"saliency", a.toString(), "-o", dir.resolve("4.png").toString(), "--saliency", "spectral"},
        };
        for (String[] run : runs) {
            CliRun r = CliRun.of(run);
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out().strip()).as(run[0]).startsWith(run[3] + ": ").doesNotContain("\n");
            assertThat(r.err()).as(run[0]).isEmpty();
        }
    }

    @Test
    void saliencyIsAPipeFromStandardInputToStandardOutput() throws Exception {
        java.nio.file.Path a = dir.resolve("a.png");
        javax.imageio.ImageIO.write(CompressCommandTest.gradient(64, 48, java.awt.image.BufferedImage.TYPE_3BYTE_BGR), "png", a.toFile());
        java.io.InputStream savedIn = System.in;
        java.io.PrintStream savedOut = System.out;
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        CliRun r;
        try {
            System.setIn(new java.io.ByteArrayInputStream(java.nio.file.Files.readAllBytes(a)));
            System.setOut(new java.io.PrintStream(bytes, true));
            r = CliRun.of("saliency", "-", "-o", "-", "--saliency", "spectral");
        } finally {
            System.setIn(savedIn);
            System.setOut(savedOut);
        }
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("-: saliency map 64x48");
        java.awt.image.BufferedImage map = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(bytes.toByteArray()));
        assertThat(map.getWidth()).isEqualTo(64);
        assertThat(java.nio.file.Path.of("-")).doesNotExist();
        CliRun model = CliRun.of("import", "--arch", "resnet18", "--weights", a.toString(), "-o", "-");
        assertThat(model.exitCode()).isEqualTo(2);
        assertThat(model.err()).contains("not written to standard output");
    }

    /** The keys of every object in {@code n}, nested ones included (JSON documents of other tests use it too). */
    static java.util.List<String> keys(com.fasterxml.jackson.databind.JsonNode n, java.util.List<String> into) {
        n.fields().forEachRemaining(e -> {
            into.add(e.getKey());
            keys(e.getValue(), into);
        });
        n.elements().forEachRemaining(e -> keys(e, into));
        return into;
    }

    @Test
    void helpStatesTheExitCodesAndTheFileConventions() {
        CliRun r = CliRun.of("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Exit status: 0 success; 1 a runtime failure").contains("2 a usage error")
                .contains("-o/--output FILE").contains("-d/--out-dir DIR").contains("--quiet").doesNotContain("shared/");
    }

    @Test
    void aBadEnumValueIsOneUsageLineInAnyCase() {
        CliRun bad = CliRun.of("compress", "--tune", "sharp", "-o", "x.jpg");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err().strip()).doesNotContain("\n").contains("Invalid value for option '--tune'")
                .contains("visual, psnr, psnr-rgb or classic").contains("see 'sieve compress --help'");
        assertThat(Sieve.commandLine().parseArgs("compress", "--tune", "PSNR-RGB", "--mode", "Mosaic", "--subsampling", "444",
                "--block-method", "REQUANTIZE").errors()).isEmpty();
        assertThat(CliRun.of("deflect", "x.png", "-o", "y.png", "--sampling", "GAUSSIAN", "--replace", "bogus").err())
                .contains("Invalid value for option '--replace'");
    }

    @Test
    void quietIsResetBetweenRunsAndReachesSubcommandsFromEitherPlace() {
        CliRun.of("-q", "compress", "--help");
        assertThat(Progress.quiet()).isTrue();
        CliRun.of("compress", "--help");
        assertThat(Progress.quiet()).isFalse();
        CliRun.of("compress", "--quiet", "--help");
        assertThat(Progress.quiet()).isTrue();
        CliRun.of("compress", "--help");
        assertThat(Progress.quiet()).isFalse();
    }

    @Test
    void everyCommandSummaryIsAWholeSentence() {
        java.util.List<String> cut = new java.util.ArrayList<>();
        java.util.ArrayDeque<picocli.CommandLine> todo = new java.util.ArrayDeque<>(java.util.List.of(Sieve.commandLine()));
        while (!todo.isEmpty()) {
            picocli.CommandLine cl = todo.pop();
            todo.addAll(cl.getSubcommands().values());
            String path = cl.getCommandSpec().qualifiedName();
            String[] h = cl.getCommandSpec().usageMessage().header(), d = cl.getCommandSpec().usageMessage().description();
            String summary = h.length > 0 ? h[0] : d.length > 0 ? d[0] : "";
            if (cl.getParent() != null && !summary.strip().matches(".*[.)]")) {
                cut.add(path + ": " + summary);
            }
        }
        assertThat(cut).as("commands whose summary in 'sieve --help' stops mid-sentence").isEmpty();
    }

    /** picocli puts each element of a description on its own line, so a sentence split over two elements breaks mid-line in --help. */
    @Test
    void noHelpTextBreaksASentenceAcrossLines() {
        java.util.List<String> broken = new java.util.ArrayList<>();
        java.util.ArrayDeque<picocli.CommandLine> todo = new java.util.ArrayDeque<>(java.util.List.of(Sieve.commandLine()));
        while (!todo.isEmpty()) {
            picocli.CommandLine cl = todo.pop();
            todo.addAll(cl.getSubcommands().values());
            String path = cl.getCommandSpec().qualifiedName();
            java.util.List<String[]> texts = new java.util.ArrayList<>(java.util.List.of(cl.getCommandSpec().usageMessage().header(),
                    cl.getCommandSpec().usageMessage().description(), cl.getCommandSpec().usageMessage().footer()));
            cl.getCommandSpec().options().forEach(o -> texts.add(o.description()));
            for (String[] lines : texts) {
                for (int i = 0; i + 1 < lines.length; i++) {
                    String a = lines[i], b = lines[i + 1];
                    if (!a.isBlank() && !a.startsWith(" ") && !b.isBlank() && Character.isLowerCase(b.charAt(0)) && !a.strip().matches(".*[.:;!?]")) {
                        broken.add(path + ": '" + a + "' / '" + b + "'");
                    }
                }
            }
        }
        assertThat(broken).as("help texts whose sentence continues in the next array element (join them with +)").isEmpty();
    }

    /**
     * Option names whose default or description differs between commands on purpose, and why. Every other name that
     * several commands take is one declaration (a mixin), so it reads and defaults the same everywhere.
     */
    static final java.util.Map<String, String> DIFFERENT_ON_PURPOSE = java.util.Map.ofEntries(
            java.util.Map.entry("--arch", "train msroi builds MS-ROI networks, import has no default, bench train takes a list"),
            java.util.Map.entry("--seed", "0 for attacks and defenses, 1 for training, scenes, import and eval msroi: committed results used them"),
            java.util.Map.entry("--limit", "eval defense examines 1000 images by default (the thesis' protocol), the others all"),
            java.util.Map.entry("--batch-size", "training mini-batches (per-command defaults) vs eval classify's inference batches"),
            java.util.Map.entry("--epochs", "training defaults per command; eval repr's follow Figure 5.1"),
            java.util.Map.entry("--lr", "training defaults per command; eval repr's follow §5.4"),
            java.util.Map.entry("--optimizer", "training defaults per command; eval repr's follow §5.4"),
            java.util.Map.entry("--weight-decay", "train's defaults come from a per-command provider, eval repr's from its protocol"),
            java.util.Map.entry("--augment", "the shift padding differs: 4 pixels (train, eval repr), 8 (train msroi)"),
            java.util.Map.entry("--train-limit", "eval repr counts the held-out --validation images in it"),
            java.util.Map.entry("--validation", "train holds out 5000 for the Oracle (§5.4), eval repr none unless asked"),
            java.util.Map.entry("--schedule", "train uses a fixed rate, train msroi steps it"),
            java.util.Map.entry("--size", "data size (train), scene size (scenes), image size WxH (bench detectors)"),
            java.util.Map.entry("--rounds", "bench attack and bench repr run minutes per round (3), bench msroi|detectors seconds (5)"),
            java.util.Map.entry("--runs", "bench jpeg times encoders, bench metrics metrics (the fastest run is reported)"),
            java.util.Map.entry("--image", "bench metrics upscales it to 12 MP, bench serve resizes it to 1 MP"),
            java.util.Map.entry("--megapixels", "bench metrics measures at camera size, bench serve at a web upload's"),
            java.util.Map.entry("--model", "a classifier (builtin:fashion-c3-32) or an MS-ROI network (builtin:msroi-scenes)"),
            java.util.Map.entry("--data", "a labelled data set, a scene set (eval msroi) or class folders (train msroi)"),
            java.util.Map.entry("--classes", "a class-name file (import, TorchScript) or a list of scene classes"),
            java.util.Map.entry("--input-size", "import states it for the checkpoint it writes, the others for a TorchScript model they load"),
            java.util.Map.entry("--msroi-size", "eval msroi scores scenes at their own size (0), the saliency commands photos at 256"),
            java.util.Map.entry("--top-k", "eval msroi's msroi variants vs the saliency options' topk and rcam"),
            java.util.Map.entry("--class-threshold", "eval msroi's msroi variants vs the saliency options' --select threshold"),
            java.util.Map.entry("--levels", "saliency levels k (compress, eval msroi) or wavelet levels (denoise)"),
            java.util.Map.entry("--top", "classes listed (classify) or levels counted as covered (eval msroi)"),
            java.util.Map.entry("--split", "each command's data has its own splits"),
            java.util.Map.entry("--map", "a deflection map (white = keep), a compression map (white = salient) or PSNR-S's region"),
            java.util.Map.entry("--quality", "a JPEG quality, or eval defense's image-quality flag"),
            java.util.Map.entry("--budget", "attack defaults to minimal, eval defense to its preset's budget"),
            java.util.Map.entry("--match-quality", "compress's sits in an exclusive group with --target-bytes, which takes no mixin"),
            java.util.Map.entry("--tune", "compress's and the comparison's help explain it against their own reference"),
            java.util.Map.entry("--progressive", "compress's and the comparison's help explain it against their own reference"),
            java.util.Map.entry("--resume", "each command says what its checkpoint keeps"),
            java.util.Map.entry("--output", "each command names the file it writes"),
            java.util.Map.entry("--out-dir", "spark's OUT may be a Hadoop URI and must be empty; the eval commands describe their report folder"));

    @Test
    void anOptionNameReadsTheSameInEveryCommandUnlessItDiffersOnPurposeAndOAndDNameFileAndFolder() {
        java.util.Map<String, java.util.Set<String>> seen = new java.util.TreeMap<>();
        java.util.ArrayDeque<picocli.CommandLine> todo = new java.util.ArrayDeque<>(java.util.List.of(Sieve.commandLine()));
        while (!todo.isEmpty()) {
            picocli.CommandLine cl = todo.pop();
            todo.addAll(cl.getSubcommands().values());
            for (picocli.CommandLine.Model.OptionSpec o : cl.getCommandSpec().options()) {
                if (!o.inherited() && !o.usageHelp() && !o.versionHelp()) {
                    java.util.List<String> names = java.util.List.of(o.names());
                    if (names.contains("-o") || names.contains("-d") || names.contains("--out")) {
                        assertThat(names).as(cl.getCommandSpec().qualifiedName() + ": -o names a file, -d a folder")
                                .isIn(java.util.List.of("-o", "--output"), java.util.List.of("-d", "--out-dir"));
                    }
                    seen.computeIfAbsent(o.longestName(), k -> new java.util.TreeSet<>())
                            .add(o.defaultValue() + " | " + String.join(" ", o.description()));
                }
            }
        }
        java.util.List<String> drifted = seen.entrySet().stream().filter(e -> e.getValue().size() > 1 && !DIFFERENT_ON_PURPOSE.containsKey(e.getKey()))
                .map(e -> e.getKey() + ": " + e.getValue()).toList();
        assertThat(drifted).as("options declared twice with different defaults or help: use one mixin, or say why in DIFFERENT_ON_PURPOSE").isEmpty();
        java.util.List<String> stale = DIFFERENT_ON_PURPOSE.keySet().stream().filter(n -> seen.getOrDefault(n, java.util.Set.of()).size() < 2).toList();
        assertThat(stale).as("DIFFERENT_ON_PURPOSE names that now read the same everywhere").isEmpty();
    }
}
