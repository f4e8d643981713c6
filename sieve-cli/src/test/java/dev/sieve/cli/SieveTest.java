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
}
