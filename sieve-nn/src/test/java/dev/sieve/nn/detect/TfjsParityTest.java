package dev.sieve.nn.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sieve.image.Planar;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sieve's TF.js runtime against TF.js itself (node, pure-JavaScript CPU backend, run by
 * {@code scripts/tfjs-oracle}, which installs it): the same input tensor (a real photo, preprocessed
 * as the detector does) through both, every output equal to within {@code 1e-3 + 2e-5 × its largest
 * magnitude} (max abs): 1e-3 for the unit-scale heat maps and probabilities; float32 rounding of a
 * different summation order grows with the values, which reach ~520 for CenterNet's boxes in pixels.
 */
class TfjsParityTest {
    static final double ABSOLUTE = 1e-3;
    static final double RELATIVE = 2e-5;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"objects", "faces", "people"})
    void graphOutputsMatchTfjsOnAPhoto(String source) throws Exception {
        Path dir = TestModels.dirWith(Detectors.modelOf(source));
        Path oracle = oracle();
        Planar photo = TestModels.skimagePhoto("astronaut.png");
        // CenterNet at the size it was converted at: TF.js runs its stored resize targets and decoding tail only there. Its
        // PEAKS are not compared: an equality test of neighbours (3 × 3 peaks) turns a 1e-7 difference into a whole value.
        try (GraphDetector d = source.equals("objects") ? new ObjectDetector(dir.resolve(ObjectDetector.MODEL + ".json"), ObjectDetector.STORED_SIZE)
                : (GraphDetector) Detectors.open(source, dir)) {
            List<String> names = source.equals("objects")
                    ? List.of(ObjectDetector.HEAT, ObjectDetector.SIZES, ObjectDetector.DETECTIONS) : d.outputs();
            float[] input = d.input(photo);
            Path in = tmp.resolve("input.f32");
            ByteBuffer b = ByteBuffer.allocate(4 * input.length).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(input);
            Files.write(in, b.array());
            List<String> cmd = new ArrayList<>(List.of(oracle.toString(), dir.resolve(Detectors.modelOf(source) + ".json").toString(),
                    in.toString(), "1," + d.size() + "," + d.size() + ",3", tmp.resolve("out").toString()));
            cmd.addAll(names);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor()).as("tfjs-oracle: " + log).isZero();
            float[][] java = d.run(input, names);
            for (int k = 0; k < names.size(); k++) {
                float[] ref = readFloats(tmp.resolve("out").resolve(k + ".f32"));
                assertThat(java[k].length).as(names.get(k) + " size").isEqualTo(ref.length);
                double max = 0, range = 0;
                for (int i = 0; i < ref.length; i++) {
                    max = Math.max(max, Math.abs(java[k][i] - ref[i]));
                    range = Math.max(range, Math.abs(ref[i]));
                }
                System.out.printf("parity %s %s: max abs difference %.3g over %d values (max |value| %.4g)%n", source, names.get(k), max, ref.length, range);
                assertThat(max).as(source + " " + names.get(k) + " max abs difference to TF.js")
                        .isLessThanOrEqualTo(ABSOLUTE + RELATIVE * range);
            }
        }
    }

    private static float[] readFloats(Path f) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[b.remaining() / 4];
        b.asFloatBuffer().get(v);
        return v;
    }

    /** scripts/tfjs-oracle of this checkout, or a skipped test when node / npm are missing. */
    static Path oracle() {
        boolean node = onPath("node") && onPath("npm");
        if (!node) {
            System.err.println("SKIPPED: node and npm are needed for the TF.js parity oracle");
        }
        assumeTrue(node, "node and npm are needed for the TF.js parity oracle");
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isExecutable(dir.resolve("scripts/tfjs-oracle"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("scripts/tfjs-oracle above " + Path.of("").toAbsolutePath()).isNotNull();
        return dir.resolve("scripts/tfjs-oracle");
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }
}
