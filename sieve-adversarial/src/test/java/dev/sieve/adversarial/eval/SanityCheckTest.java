package dev.sieve.adversarial.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SanityCheckTest {
    private static EvaluationRow row(String attack, String defense, boolean adaptive, double accuracy) {
        return row(attack, defense, adaptive, accuracy, 1000);
    }

    private static EvaluationRow row(String attack, String defense, boolean adaptive, double accuracy, int images) {
        return new EvaluationRow(attack, attack, defense, defense, adaptive, images, 0.5, 0.01, 0.03, 0.1, accuracy, accuracy, 0.5, 0.5, 1,
                Double.NaN, Double.NaN, Double.NaN);
    }

    private static EvaluationReport report(String budget, List<EvaluationRow> rows) {
        return new EvaluationReport("m", "d", 1000, 1000, 1, budget, "8-bit", 0, List.of(), List.of("none", "jpeg"), rows, 1);
    }

    private static SanityCheck find(List<SanityCheck> checks, String check, String defense, String budget) {
        return checks.stream().filter(c -> c.check().equals(check) && c.defense().equals(defense) && c.budget().equals(budget)).findFirst()
                .orElseThrow();
    }

    @Test
    void flagsAnAdaptiveAttackWeakerThanThePlainOneAndSquareBeatingGradients() {
        EvaluationReport small = report("linf=0.0156", List.of(
                row("pgd", "none", false, 0.20), row("square", "none", false, 0.22),
                row("pgd", "jpeg", false, 0.60), row("pgd:eot=4", "jpeg", true, 0.75), row("square:eot=4", "jpeg", true, 0.68)));
        EvaluationReport large = report("linf=0.25", List.of(
                row("pgd", "none", false, 0.0), row("pgd", "jpeg", false, 0.30), row("pgd:eot=4", "jpeg", true, 0.12)));
        List<SanityCheck> checks = SanityCheck.of(List.of(small, large));
        assertThat(find(checks, "adaptive-not-weaker", "jpeg", "linf=0.0156").passed()).isFalse();
        assertThat(find(checks, "adaptive-not-weaker", "jpeg", "linf=0.25").passed()).isTrue();
        assertThat(find(checks, "square-not-stronger", "none", "linf=0.0156").passed()).isTrue();
        assertThat(find(checks, "square-not-stronger", "jpeg", "linf=0.0156").passed()).as("Square 68 % vs PGD 75 %: masking").isFalse();
        assertThat(find(checks, "largest-budget-breaks", "none", "linf=0.25").passed()).isTrue();
        assertThat(find(checks, "largest-budget-breaks", "jpeg", "linf=0.25").passed()).as("12 % left at the largest ε").isFalse();
        assertThat(checks).noneMatch(c -> c.check().equals("largest-budget-breaks") && c.budget().equals("linf=0.0156"));
        assertThat(SanityCheck.markdown(checks)).contains("**FLAG**").contains("| largest-budget-breaks | jpeg | linf=0.25 | **FLAG** |");
    }

    @Test
    void overlappingIntervalsAreNotAFlagAndMinimalRunsGetNoBudgetCheck() {
        EvaluationReport minimal = report("minimal", List.of(row("deepfool", "jpeg", false, 0.500), row("deepfool:eot=2", "jpeg", true, 0.52)));
        List<SanityCheck> checks = SanityCheck.of(List.of(minimal));
        assertThat(checks).hasSize(1);
        assertThat(checks.get(0).passed()).as("52 % over 1000 images: interval 48.9–55.1 % reaches 50 %").isTrue();
    }

    @Test
    void anAdaptiveAttackOnFewerImagesIsComparedWithThePlainAccuracysOwnInterval() {
        // plain 60 % of 1000 images (interval 56.9–63.0 %); adaptive 70 % of its first 100 (60.4–78.1 %): above the plain
        // point estimate, which flags on the same images, but not above the plain interval
        EvaluationReport limited = report("linf=0.03", List.of(row("pgd", "jpeg", false, 0.60), row("pgd:eot=4", "jpeg", true, 0.70, 100)));
        SanityCheck c = find(SanityCheck.of(List.of(limited)), "adaptive-not-weaker", "jpeg", "linf=0.03");
        assertThat(c.passed()).isTrue();
        assertThat(c.detail()).contains("adaptive on the first 100 of 1000 images");
        // adaptive 80 % of 100 (71.1–86.7 %) lies wholly above 56.9–63.0 %: weaker on any sample
        EvaluationReport weaker = report("linf=0.03", List.of(row("pgd", "jpeg", false, 0.60), row("pgd:eot=4", "jpeg", true, 0.80, 100)));
        assertThat(find(SanityCheck.of(List.of(weaker)), "adaptive-not-weaker", "jpeg", "linf=0.03").passed()).isFalse();
    }
}
