package dev.sieve.adversarial.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.sieve.adversarial.TinyModel;
import dev.sieve.adversarial.attack.Budget;
import dev.sieve.nn.data.FashionMnist;
import dev.sieve.nn.data.ImageDataset;
import dev.sieve.nn.model.SieveModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What eval defense shows while it works: the up-front time estimate, the running attack, and its Markdown tables. */
class DefenseSweepTest {
    @TempDir
    Path dir;

    @Test
    void theEstimateBoundsEveryAttacksPassesAndNamesTheCostliest() throws Exception {
        SieveModel model = TinyModel.get();
        ImageDataset test = FashionMnist.load(FashionMnist.DEBIAN_DIR, false);
        DefenseSweep.Plan plan = DefenseSweep.plan(null, "fgsm;lbfgs", "none", null, null, null, 0, false);
        DefenseSweep.Estimate e = new DefenseSweep(model, plan, new DefenseSweep.Settings(40, 8, 0, false)).estimate(test);
        Budget b = plan.budgets().get(0);
        long fgsm = plan.attacks().get(0).passesPerImage(b, 10), lbfgs = plan.attacks().get(1).passesPerImage(b, 10);
        assertThat(lbfgs).isGreaterThan(10 * fgsm);
        assertThat(e.costliest()).isEqualTo("lbfgs (≤ " + lbfgs + " gradient passes per image)");
        assertThat(e.millisPerPass()).isPositive();
        assertThat(e.craftSeconds()).isCloseTo((fgsm + lbfgs) * e.millisPerPass() / 1e3 * 40, withinPercentage(1e-6));
        assertThat(e.defenseMillis()).containsExactly(org.assertj.core.api.Assertions.entry("none", 0.0));
        assertThat(e.evaluateSeconds()).as("clean and two attacked sets, one model pass each").isCloseTo(3 * e.millisPerPass() / 1e3 * 40,
                withinPercentage(1e-6));
        assertThat(e.seconds()).isEqualTo(e.craftSeconds() + e.evaluateSeconds());
    }

    @Test
    void theEstimateCountsOneEotDrawForADefenseThatIgnoresItsSeed() throws Exception {
        SieveModel model = TinyModel.get();
        ImageDataset test = FashionMnist.load(FashionMnist.DEBIAN_DIR, false);
        DefenseSweep.Plan plan = DefenseSweep.plan(null, "pgd:linf=0.1,steps=10", "none;jpeg:q=75;deflect", null, null, null, 4, false);
        DefenseSweep.Estimate e = new DefenseSweep(model, plan, new DefenseSweep.Settings(40, 8, 0, false)).estimate(test);
        long plain = 10, adaptiveJpeg = 10, adaptiveDeflect = 4 * 10;
        double pass = e.millisPerPass(), jpeg = e.defenseMillis().get("jpeg:q=75"), deflect = e.defenseMillis().get("deflect");
        assertThat(jpeg).isPositive();
        assertThat(deflect).isPositive();
        assertThat(e.craftSeconds()).as("each adaptive pass goes through one draw of the defense")
                .isCloseTo((plain * pass + adaptiveJpeg * (pass + jpeg) + adaptiveDeflect * (pass + deflect)) / 1e3 * 40, withinPercentage(1e-6));
        int sets = 1 + 2, ensemble = 10;
        assertThat(e.evaluateSeconds()).as("clean and both attacked sets through each defense, Ens-10 draws of the randomized one")
                .isCloseTo(sets * (pass + (jpeg + pass) + ensemble * (deflect + pass)) / 1e3 * 40, withinPercentage(1e-6));
        assertThat(e.costliest()).startsWith("pgd:linf=0.1,steps=10,eot=4 through ").contains("gradient passes and defense draws per image");

        DefenseSweep.Estimate limited = new DefenseSweep(model, plan, new DefenseSweep.Settings(40, 8, 0, false, 10)).estimate(test);
        double p2 = limited.millisPerPass(), j2 = limited.defenseMillis().get("jpeg:q=75"), d2 = limited.defenseMillis().get("deflect");
        assertThat(limited.craftSeconds()).as("adaptive attacks through a defense on the first 10 images only")
                .isCloseTo((plain * p2 * 40 + (adaptiveJpeg * (p2 + j2) + adaptiveDeflect * (p2 + d2)) * 10) / 1e3, withinPercentage(1e-6));
        assertThat(limited.evaluateSeconds()).isCloseTo(((2 * 40 + 1 * 40) * p2 + (2 * 40 + 10) * (j2 + p2) + ensemble * (2 * 40 + 10) * (d2 + p2)) / 1e3,
                withinPercentage(1e-6));
    }

    @Test
    void theRunNamesEachAttackAsItRunsAndItsTablesEscapeAPipelinesBars() throws Exception {
        SieveModel model = TinyModel.get();
        ImageDataset test = FashionMnist.load(FashionMnist.DEBIAN_DIR, false);
        DefenseSweep.Plan plan = DefenseSweep.plan(null, "fgsm:linf=0.1", "none;bitdepth:bits=3|deflect:k=10,w=3", null, null, null, 0, true);
        List<String> phases = new ArrayList<>();
        DefenseSweep.Result r = new DefenseSweep(model, plan, new DefenseSweep.Settings(6, 6, 0, false)).run(test, "tiny", "fashion-mnist",
                dir, false, new DefenseSweep.Listener() {
                    @Override
                    public void start(Budget budget, Path folder, int resumed, long total) {
                    }

                    @Override
                    public void step(int k) {
                    }

                    @Override
                    public void phase(String phase) {
                        phases.add(phase);
                    }

                    @Override
                    public void end() {
                    }
                });
        assertThat(phases).contains("crafting fgsm:linf=0.1 vs none", "fgsm:linf=0.1 vs bitdepth:bits=3|deflect:k=10,w=3");

        String md = DefenseTables.markdown(r.reports().get(0), null);
        assertThat(md).contains("bitdepth:bits=3\\|deflect");
        Pattern bar = Pattern.compile("(?<!\\\\)\\|");
        int columns = -1;
        for (String line : md.split("\n")) {
            if (!line.startsWith("|")) {
                columns = -1;
                continue;
            }
            Matcher m = bar.matcher(line);
            int n = 0;
            while (m.find()) {
                n++;
            }
            assertThat(n).as("cells of %s", line).isEqualTo(columns < 0 ? n : columns);
            columns = n;
        }
    }
}
