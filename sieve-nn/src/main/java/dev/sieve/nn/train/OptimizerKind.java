package dev.sieve.nn.train;

/** Optimizers of the training loop. */
public enum OptimizerKind {
    /** Plain SGD (the thesis' C^3(32) runs: SGD, learning rate 0.01). */
    SGD,
    /** SGD with momentum 0.9. */
    MOMENTUM,
    /** Adam (β1 0.9, β2 0.999). */
    ADAM
}
