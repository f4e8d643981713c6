package dev.sieve.nn.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.image.Planar;
import dev.sieve.image.saliency.SaliencyMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The detectors on real photos (scikit-image's samples): each finds its subject where it is. Subject
 * positions were read off the photos by eye: astronaut's face spans about x 175–275, y 60–180 and she
 * fills the left two thirds; chelsea's cat fills the frame, its head about x 130–300, y 60–220; coffee's
 * cup and saucer sit at about x 150–450, y 20–300.
 */
class DetectorPhotosTest {
    @Test
    void facesFindsTheAstronautsFaceAndNothingElse() throws Exception {
        Planar astronaut = TestModels.skimagePhoto("astronaut.png");
        try (Detector d = Detectors.open("faces", TestModels.dirWith(FaceDetector.MODEL))) {
            Detector.Result r = d.detect(astronaut);
            assertThat(r.detections()).hasSize(1);
            Detection face = r.detections().get(0);
            assertThat(face.label()).isEqualTo("face");
            assertThat(face.score()).isGreaterThan(0.7f);
            assertThat(face.contains(225, 120)).as("box " + face + " holds the face centre").isTrue();
            assertThat(face.width()).isBetween(60f, 160f);
            assertThat(face.height()).isBetween(60f, 160f);
            assertMapLightsBox(r.map(), face, astronaut);
        }
    }

    @Test
    void objectsFindsThePersonTheCatAndTheCup() throws Exception {
        try (Detector d = Detectors.open("objects", TestModels.dirWith(ObjectDetector.MODEL))) {
            Detection person = best(d.detect(TestModels.skimagePhoto("astronaut.png")).detections());
            assertThat(person.label()).isEqualTo("person");
            assertThat(person.contains(225, 120) && person.contains(150, 400)).as(person.toString()).isTrue();
            assertThat(person.contains(480, 100)).as("the shuttle on the right is not the person").isFalse();

            Planar chelsea = TestModels.skimagePhoto("chelsea.png");
            Detector.Result cat = d.detect(chelsea);
            Detection animal = best(cat.detections());
            // this CenterNet calls chelsea a dog at 512x512 (score 0.48), a cat at 320x320 (0.33): the pet is found either way
            assertThat(animal.label()).isIn("cat", "dog");
            assertThat(animal.contains(215, 140)).as(animal.toString()).isTrue();
            assertThat(animal.width() * animal.height()).isGreaterThan(0.5f * chelsea.pixels());
            assertMapLightsBox(cat.map(), animal, chelsea);

            Detection cup = best(d.detect(TestModels.skimagePhoto("coffee.png")).detections());
            assertThat(cup.label()).isEqualTo("cup");
            assertThat(cup.contains(300, 150)).as(cup.toString()).isTrue();
        }
    }

    @Test
    void peopleSegmentsTheAstronautNotTheBackground() throws Exception {
        Planar astronaut = TestModels.skimagePhoto("astronaut.png");
        try (Detector d = Detectors.open("people", TestModels.dirWith(PersonSegmenter.MODEL))) {
            Detector.Result r = d.detect(astronaut);
            SaliencyMap m = r.map();
            assertThat(m.width()).isEqualTo(512);
            assertThat(m.height()).isEqualTo(512);
            assertThat(m.get(225, 120)).as("face").isGreaterThan(0.9f);
            assertThat(m.get(150, 400)).as("suit").isGreaterThan(0.9f);
            assertThat(m.get(30, 30)).as("flag, top left").isLessThan(0.1f);
            assertThat(m.get(460, 60)).as("shuttle, top right").isLessThan(0.1f);
            assertThat(r.detections()).hasSize(1);
            assertThat(r.detections().get(0).label()).isEqualTo("person");
        }
    }

    @Test
    void samePhotoGivesTheSameDetectionsAndMapTwice() throws Exception {
        Planar coffee = TestModels.skimagePhoto("coffee.png");
        try (Detector d = Detectors.open("objects", TestModels.dirWith(ObjectDetector.MODEL))) {
            Detector.Result a = d.detect(coffee), b = d.detect(coffee);
            assertThat(a.detections()).isEqualTo(b.detections());
            assertThat(a.map().values()).isEqualTo(b.map().values());
        }
    }

    @Test
    void oneDetectorServesSeveralThreadsWithTheSequentialResults() throws Exception {
        Planar astronaut = TestModels.skimagePhoto("astronaut.png");
        Planar chelsea = TestModels.skimagePhoto("chelsea.png");
        try (Detector d = Detectors.open("faces", TestModels.dirWith(FaceDetector.MODEL))) {
            Detector.Result a = d.detect(astronaut), c = d.detect(chelsea);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                List<java.util.concurrent.Future<Detector.Result>> runs = new java.util.ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    Planar p = i % 2 == 0 ? astronaut : chelsea;
                    runs.add(pool.submit(() -> d.detect(p)));
                }
                for (int i = 0; i < runs.size(); i++) {
                    assertThat(runs.get(i).get().detections()).isEqualTo((i % 2 == 0 ? a : c).detections());
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    private static Detection best(List<Detection> ds) {
        assertThat(ds).isNotEmpty();
        return ds.get(0);
    }

    /** The map is the box's score inside the box and 0 far outside every detection. */
    private static void assertMapLightsBox(SaliencyMap m, Detection box, Planar img) {
        assertThat(m.width()).isEqualTo(img.width());
        assertThat(m.height()).isEqualTo(img.height());
        int cx = (int) ((box.x0() + box.x1()) / 2), cy = (int) ((box.y0() + box.y1()) / 2);
        assertThat(m.get(cx, cy)).isGreaterThanOrEqualTo(box.score() - 1e-6f);
    }
}
