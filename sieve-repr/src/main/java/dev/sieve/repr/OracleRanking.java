package dev.sieve.repr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import dev.sieve.nn.train.Accuracy;
import dev.sieve.nn.train.Evaluation;
import java.util.ArrayList;
import java.util.List;

/**
 * The greedy Oracle of thesis §5.3: each filter in turn is zeroed (weights, bias and its BatchNorm
 * γ, β), the model is measured on the held-out validation images and the filter is restored.
 * Importance = drop in validation accuracy, with the rise in validation cross-entropy as a
 * tie-breaker (scaled by 10⁻⁶, so it only orders filters whose accuracy drops are equal). Costs one
 * evaluation per filter: for small networks only.
 */
public final class OracleRanking implements FilterRanking {

    @Override
    public String name() {
        return "oracle";
    }

    @Override
    public FilterScores rank(RankingContext context) {
        var data = context.requireData(name());
        Accuracy base = Evaluation.accuracy(context.model(), data, context.batchSize(), k -> { });
        double[][] imp = new double[context.layers().size()][];
        for (int l = 0; l < imp.length; l++) {
            if (!context.ranks(l)) {
                continue;
            }
            ConvLayer layer = context.layers().get(l);
            List<Parameter> params = new ArrayList<>(layer.perFilterParameters());
            imp[l] = new double[layer.filters()];
            for (int f = 0; f < imp[l].length; f++) {
                List<NDArray> saved = new ArrayList<>();
                for (Parameter p : params) {
                    NDArray a = p.getArray();
                    try (NDArray row = a.get(f); NDArray zero = a.getManager().create(0f)) {
                        saved.add(row.duplicate());
                        a.set(new NDIndex(f), zero);
                    }
                }
                Accuracy without = Evaluation.accuracy(context.model(), data, context.batchSize(), k -> { });
                for (int i = 0; i < params.size(); i++) {
                    params.get(i).getArray().set(new NDIndex(f), saved.get(i));
                    saved.get(i).close();
                }
                imp[l][f] = (base.top1() - without.top1()) + 1e-6 * (without.loss() - base.loss());
            }
        }
        return new FilterScores(name(), imp);
    }
}
