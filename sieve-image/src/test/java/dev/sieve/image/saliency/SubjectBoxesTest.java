package dev.sieve.image.saliency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubjectBoxesTest {
    private static final String HEADER = "name,source,halvings,split,x0,y0,x1,y1,subject\n";

    @TempDir
    Path dir;

    @Test
    void readsPhotosInOrderWithTheirBoxesAndRasterizesPixelCentres() throws Exception {
        Path f = dir.resolve("b.csv");
        Files.writeString(f, HEADER + "a,/x.png,1,test,0,0,0.5,0.5,left, top\nb,/y.png,0,validation,0.25,0.5,1,1,z\na,/x.png,1,test,0.75,0.75,1,1,corner\n");
        var photos = SubjectBoxes.read(f);
        assertThat(photos).extracting(SubjectBoxes.Photo::name).containsExactly("a", "b");
        assertThat(photos.get(0).boxes()).hasSize(2);
        assertThat(photos.get(0).boxes().get(0).subject()).isEqualTo("left, top");
        assertThat(photos.get(1).split()).isEqualTo("validation");
        assertThat(photos.get(0).mask(4, 4)).containsExactly(
                1, 1, 0, 0,
                1, 1, 0, 0,
                0, 0, 0, 0,
                0, 0, 0, 1);
    }

    @Test
    void aBadRowNamesItsLine() throws Exception {
        Path f = dir.resolve("b.csv");
        Files.writeString(f, HEADER + "a,/x.png,1,test,0,0,0.5,0.5,ok\na,/x.png,1,test,0.6,0,0.5,0.5,reversed\n");
        assertThatThrownBy(() -> SubjectBoxes.read(f)).hasMessageContaining("line 3").hasMessageContaining("x0 < x1");
        Files.writeString(f, "name,x0\n");
        assertThatThrownBy(() -> SubjectBoxes.read(f)).hasMessageContaining("header");
        Files.writeString(f, HEADER + "a,/x.png,1,train,0,0,0.5,0.5,ok\n");
        assertThatThrownBy(() -> SubjectBoxes.read(f)).hasMessageContaining("line 2").hasMessageContaining("split");
    }
}
