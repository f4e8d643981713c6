package dev.sieve.adversarial.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.adversarial.TinyModel;
import dev.sieve.adversarial.attack.AttackResult;
import dev.sieve.adversarial.attack.Budget;
import dev.sieve.adversarial.defense.Defenses;
import dev.sieve.nn.data.FashionMnist;
import dev.sieve.nn.data.ImageDataset;
import dev.sieve.nn.model.SieveModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefenseEvaluationResumeTest {
    @TempDir
    Path dir;

    /** A run killed after {@code after} crafted batches. */
    private record Killed(DefenseRowStore store, int after, AtomicInteger saved) implements DefenseEvaluation.Checkpoint {
        @Override
        public EvaluationRow find(String key) {
            return store.find(key);
        }

        @Override
        public void save(String key, EvaluationRow row) {
            store.save(key, row);
        }

        @Override
        public AttackResult findBatch(String key) {
            return store.findBatch(key);
        }

        @Override
        public void saveBatch(String key, AttackResult batch) {
            store.saveBatch(key, batch);
            if (saved.incrementAndGet() == after) {
                throw new IllegalStateException("killed");
            }
        }
    }

    private static List<Object> withoutTime(EvaluationRow r) {
        return List.of(r.attack(), r.attackSpec(), r.defense(), r.adaptive(), r.images(), r.attackSuccess(), r.meanL2(), r.meanLinf(),
                r.accuracyNoDefense(), r.accuracySingle(), r.accuracyEnsemble());
    }

    @Test
    void aRunStoppedInsideAnAttackResumesFromItsLastBatchWithTheRowsOfAnUninterruptedRun() throws Exception {
        SieveModel model = TinyModel.get();
        ImageDataset test = FashionMnist.load(FashionMnist.DEBIAN_DIR, false);
        AttackSpec pgd = AttackSpec.parse("pgd:steps=3");
        List<AttackSpec> attacks = List.of(pgd, pgd.adaptiveTwin(2));
        List<NamedDefense> defenses = List.of(NamedDefense.parse("none", Defenses.registry(model)),
                NamedDefense.parse("deflect:k=10,w=3", Defenses.registry(model)));
        DefenseEvaluation evaluation = new DefenseEvaluation(model,
                new DefenseEvaluation.Config(attacks, defenses, 3, Budget.linf(0.1), 12, 4, 7));
        AtomicInteger total = new AtomicInteger(), done = new AtomicInteger();
        List<List<Object>> uninterrupted = evaluation.run(test, "tiny", total::set, done::addAndGet).rows().stream()
                .map(DefenseEvaluationResumeTest::withoutTime).toList();
        assertThat(done.get()).as("progress reaches the total").isEqualTo(total.get());
        int batches = ((Integer) uninterrupted.get(0).get(4) + 3) / 4;
        assertThat(batches).isGreaterThanOrEqualTo(2);
        assertThat(uninterrupted.get(4).subList(5, 11)).as("the adaptive attack against none is the plain attack")
                .isEqualTo(uninterrupted.get(2).subList(5, 11));
        int before = batches + 1; // the plain attack (reused against none by the adaptive one) and the first batch through deflection

        Path file = dir.resolve("checkpoint.jsonl");
        Map<String, Object> parameters = Map.of("limit", 12);
        Killed killed = new Killed(DefenseRowStore.open(file, parameters, false), before, new AtomicInteger());
        assertThatThrownBy(() -> evaluation.run(test, "tiny", killed, k -> { }, k -> { }, p -> { })).hasMessage("killed");
        assertThat(dir.resolve("checkpoint-batches.jsonl")).exists();

        DefenseRowStore resumed = DefenseRowStore.open(file, parameters, true);
        AtomicInteger crafted = new AtomicInteger();
        Killed counting = new Killed(resumed, -1, crafted);
        done.set(0);
        List<List<Object>> rows = evaluation.run(test, "tiny", counting, total::set, done::addAndGet, p -> { }).rows().stream()
                .map(DefenseEvaluationResumeTest::withoutTime).toList();
        assertThat(rows).isEqualTo(uninterrupted);
        assertThat(done.get()).isEqualTo(total.get());
        assertThat(crafted.get()).as("batches crafted again").isEqualTo(2 * batches - before);
        resumed.complete();
        assertThat(dir.resolve("checkpoint-batches.jsonl")).doesNotExist();
        assertThat(Files.readAllLines(file)).hasSize(1 + rows.size());
    }
}
