package dev.sieve.adversarial.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationPiecesTest {
    @Test
    void destructionRateMatchesTheFormulaOnAHandMadeExample() {
        // i:          0      1      2      3      4      5
        boolean[] clean = {true, true, true, true, false, true};
        boolean[] attacked = {false, false, false, true, false, false};
        boolean[] defended = {true, false, true, false, true, true};
        // fooled = clean ∧ ¬attacked = {0, 1, 2, 5}; restored among them = {0, 2, 5} → 3 / 4
        assertThat(DestructionRate.of(clean, attacked, defended)).isEqualTo(0.75);
        assertThat(DestructionRate.of(new boolean[] {true}, new boolean[] {true}, new boolean[] {true})).isNaN();
    }

    @Test
    void majorityVoteTakesTheMostFrequentClassAndBreaksTiesByFirstPrediction() {
        int[][] runs = {{3, 1, 2}, {4, 1, 5}, {4, 2, 5}, {3, 0, 2}};
        // image 0: 3,4,4,3 tie → 3 (predicted first); image 1: 1,1,2,0 → 1; image 2: 2,5,5,2 tie → 2
        assertThat(MajorityVote.of(runs, 6)).containsExactly(3, 1, 2);
        assertThat(MajorityVote.of(new int[][] {{1}, {2}, {2}}, 3)).containsExactly(2);
    }

    @Test
    void specListKeepsStageParametersWithTheirStage() {
        assertThat(SpecList.split("none,jpeg:q=75,deflect:k=100,w=10+wavelet:method=bayes,sigma=0.04,bitdepth"))
                .containsExactly("none", "jpeg:q=75", "deflect:k=100,w=10|wavelet:method=bayes,sigma=0.04", "bitdepth");
        assertThat(SpecList.split("fgsm;pgd:linf=4/255,steps=40,eot=10")).containsExactly("fgsm", "pgd:linf=4/255,steps=40,eot=10");
        assertThatThrownBy(() -> SpecList.split("fgsm,,cw")).hasMessageContaining("empty item");
    }

    @Test
    void attackSpecsParseAliasesAndRefuseUnknownNamesAndKeys() {
        AttackSpec bim = AttackSpec.parse("bim:linf=8/255,steps=5");
        assertThat(bim.name()).isEqualTo("igsm");
        assertThat(bim.adaptive()).isFalse();
        AttackSpec eot = AttackSpec.parse("pgd:linf=0.03").adaptiveTwin(10);
        assertThat(eot.adaptive()).isTrue();
        assertThat(eot.eotSamples()).isEqualTo(10);
        assertThatThrownBy(() -> AttackSpec.parse("foo")).hasMessageContaining("unknown attack 'foo'");
        assertThatThrownBy(() -> AttackSpec.parse("fgsm:steps=3")).hasMessageContaining("unknown parameter 'steps'");
        assertThatThrownBy(() -> AttackSpec.parse("pgd:l2=0.1,linf=0.1")).hasMessageContaining("not both");
        assertThat(List.of(Preset.values())).extracting(Preset::key)
                .containsExactly("table3.1", "table4.1", "table4.6", "table4.7", "table4.8", "table4.9", "table4.10", "table4.11");
        for (Preset p : Preset.values()) {
            assertThat(SpecList.split(p.attacks())).allSatisfy(AttackSpec::parse);
        }
    }

    @Test
    void passBoundsFollowEachAttacksLoopsAndTheEotDraws() {
        dev.sieve.adversarial.attack.Budget linf = dev.sieve.adversarial.attack.Budget.linf(8 / 255.0);
        assertThat(AttackSpec.parse("pgd:steps=40").passesPerImage(linf, 10)).isEqualTo(40);
        assertThat(AttackSpec.parse("pgd:steps=40").passesPerImage(null, 10)).as("minimal: 26 budgets searched").isEqualTo(26 * 40);
        assertThat(AttackSpec.parse("cw").passesPerImage(null, 10)).isEqualTo(5 * 200);
        assertThat(AttackSpec.parse("deepfool:iterations=20").passesPerImage(null, 1000)).isEqualTo(20 * 10);
        assertThat(AttackSpec.parse("autoattack-rand:steps=50").passesPerImage(linf, 10)).isEqualTo(2 * 50 * 20);
        assertThat(AttackSpec.parse("fgsm:eot=4").passesPerImage(linf, 10)).isEqualTo(4);
    }
}
