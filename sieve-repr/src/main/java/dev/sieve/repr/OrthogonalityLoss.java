package dev.sieve.repr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;

/**
 * The soft orthogonality penalty of thesis §5.5 / Table 5.2: {@code λ·Σ_ℓ Σ|Ŵ_ℓŴ_ℓᵀ − I|}, with rows
 * normalized as in eq. 5.1 ({@code √(‖w‖² + 10⁻¹²)}, so pruned zero rows give no NaN), over all
 * convolutional layers, differentiable, added to the cross-entropy.
 */
public final class OrthogonalityLoss {
    private OrthogonalityLoss() {
    }

    /** The penalty (a scalar on {@code m}) for the current weights of {@code layers}. */
    public static NDArray of(NDManager m, List<ConvLayer> layers, float lambda) {
        NDArray total = null;
        for (ConvLayer l : layers) {
            int j = l.filters();
            NDArray w = l.weight().getArray().reshape(j, -1);
            NDArray unit = w.div(w.square().sum(new int[] {1}, true).add(1e-12f).sqrt());
            NDArray p = unit.matMul(unit.transpose()).sub(m.eye(j)).abs().sum();
            total = total == null ? p : total.add(p);
        }
        return total.mul(lambda);
    }
}
