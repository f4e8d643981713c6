package dev.sieve.nn.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.image.Planar;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * CenterNet's decoding in Java against the graph's own decoding tail (itself checked against TF.js in
 * {@link TfjsParityTest}) at the stored 512 × 512 input, and the subjects of real photos found alike at
 * a smaller input, where the graph's upsampling follows the input size.
 */
class ObjectDetectorTest {
    @Test
    void decodingEqualsTheGraphsOwnTailAtTheStoredSize() throws Exception {
        Path json = TestModels.dirWith(ObjectDetector.MODEL).resolve(ObjectDetector.MODEL + ".json");
        try (ObjectDetector d = new ObjectDetector(json, ObjectDetector.STORED_SIZE)) {
            for (String photo : List.of("astronaut.png", "coffee.png")) {
                float[][] out = d.run(d.input(TestModels.skimagePhoto(photo)), List.of(ObjectDetector.PEAKS, ObjectDetector.SIZES, ObjectDetector.DETECTIONS));
                List<float[]> java = ObjectDetector.decode(out[0], out[1], ObjectDetector.STORED_SIZE, 0.05f);
                float[] graph = out[2];
                int checked = 0;
                for (int k = 0; k < 100 && graph[6 * k + 4] >= 0.05f; k++, checked++) {
                    for (int j = 0; j < 6; j++) {
                        assertThat(java.get(k)[j]).as(photo + " peak " + k + " value " + j).isEqualTo(graph[6 * k + j]);
                    }
                }
                assertThat(java).as(photo).hasSize(checked);
                assertThat(checked).as(photo + ": peaks of score ≥ 0.05 compared").isGreaterThan(0);
            }
        }
    }

    @Test
    void aSmallerInputFindsTheSameSubjects() throws Exception {
        Path json = TestModels.dirWith(ObjectDetector.MODEL).resolve(ObjectDetector.MODEL + ".json");
        try (ObjectDetector full = new ObjectDetector(json, 512); ObjectDetector small = new ObjectDetector(json, 320)) {
            // the subject and its labels (this CenterNet calls chelsea a dog at 512 and a cat at 320)
            Map<String, List<String>> subjects = Map.of("astronaut.png", List.of("person"), "chelsea.png", List.of("cat", "dog"),
                    "coffee.png", List.of("cup"));
            for (Map.Entry<String, List<String>> e : subjects.entrySet()) {
                String photo = e.getKey();
                Planar img = TestModels.skimagePhoto(photo);
                Detection a = full.detect(img).detections().get(0), b = small.detect(img).detections().get(0);
                assertThat(List.of(a.label(), b.label())).as(photo + ": " + b + " vs " + a).allMatch(e.getValue()::contains);
                assertThat(a.iou(b)).as(photo + ": " + b + " vs " + a).isGreaterThan(0.7f);
                assertThat(small.detect(img).map().width()).isEqualTo(img.width());
            }
        }
    }

    @Test
    void inputSizeMustBeAMultipleOf32() {
        Path json = TestModels.dirWith(ObjectDetector.MODEL).resolve(ObjectDetector.MODEL + ".json");
        assertThatThrownBy(() -> new ObjectDetector(json, 300)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SIEVE_OBJECTS_INPUT (the input size of objects) must be a multiple of 32 from 64 to 1024, got 300");
    }

    @Test
    void inputSizeComesFromTheSystemPropertyElseTheEnvironmentElseTheDefault() {
        String before = System.getProperty("sieve.objects.input");
        try {
            System.setProperty("sieve.objects.input", "256");
            assertThat(ObjectDetector.configuredSize()).isEqualTo(256);
            System.setProperty("sieve.objects.input", "abc");
            assertThatThrownBy(ObjectDetector::configuredSize).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("SIEVE_OBJECTS_INPUT (the input size of objects) must be a multiple of 32 from 64 to 1024, got 'abc'");
            System.clearProperty("sieve.objects.input");
            if (System.getenv(ObjectDetector.SIZE_VARIABLE) == null) {
                assertThat(ObjectDetector.configuredSize()).isEqualTo(ObjectDetector.DEFAULT_SIZE);
            }
        } finally {
            if (before == null) {
                System.clearProperty("sieve.objects.input");
            } else {
                System.setProperty("sieve.objects.input", before);
            }
        }
    }
}
