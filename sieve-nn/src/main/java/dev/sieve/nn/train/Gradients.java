package dev.sieve.nn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import dev.sieve.nn.model.SieveModel;
import dev.sieve.nn.model.StateDict;

/**
 * Parameter gradients of a model. DJL's PyTorch engine accumulates them across backward passes and
 * neither the gradient collector nor {@code Trainer.step()} clears them (measured: three backward
 * passes of the same batch give 1×, 2×, 3× the gradient), so they are zeroed before every step.
 */
public final class Gradients {
    /** Every element (a fill, so stale NaN or garbage in a never-written gradient cannot survive). */
    private static final NDIndex ALL = new NDIndex(":");

    private Gradients() {
    }

    /** Sets every parameter gradient of {@code model} to zero (in place). */
    public static void zero(SieveModel model) {
        zero(StateDict.parameters(model.network()).values());
    }

    /** Sets the gradients of {@code params} to zero (in place). */
    public static void zero(java.util.Collection<Parameter> params) {
        for (Parameter p : params) {
            NDArray a = p.getArray();
            if (a.hasGradient()) {
                // set(index, Number) would leave its scalar on the parameter's manager, one per call
                try (NDArray g = a.getGradient(); NDArray zero = g.getManager().create(0f)) {
                    g.set(ALL, zero);
                }
            }
        }
    }
}
