package dev.sieve.adversarial.attack;

import dev.sieve.adversarial.TinyModel;
import dev.sieve.image.Planar;
import dev.sieve.image.defense.Defense;
import dev.sieve.image.defense.DefensePipeline;
import dev.sieve.jpeg.JpegDefense;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeBpdaTest {
    @Test
    void probe() throws Exception {
        var m = TinyModel.get();
        var b = TinyModel.correct(16);
        for (String spec : new String[] {"bitdepth:bits=1", "bitdepth:bits=2", "median:size=3", "jpeg:q=50", "wavelet:sigma=0.1"}) {
            for (double e : new double[] {0.1, 0.2}) {
                DefensePipeline d = JpegDefense.registry().parse(spec);
                AttackResult pl = new Pgd(m, Budget.linf(e), 20).run(b.images(), b.labels(), 1);
                AttackResult ad = new Pgd(new DefendedClassifier(m, d, 1, 1), Budget.linf(e), 20).run(b.images(), b.labels(), 1);
                System.out.println("PROBE " + spec + " eps " + e + " clean " + acc(b.images(), d, b.labels()) + " undefended-plain "
                        + TinyModel.accuracy(pl.images(), b.labels()) + " plain " + acc(pl.images(), d, b.labels()) + " adaptive " + acc(ad.images(), d, b.labels()));
            }
        }
    }

    static double acc(List<Planar> images, Defense d, int[] labels) {
        List<Planar> out = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            out.add(d.apply(images.get(i), i));
        }
        return TinyModel.accuracy(out, labels);
    }
}
