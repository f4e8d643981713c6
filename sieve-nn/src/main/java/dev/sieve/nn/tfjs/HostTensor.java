package dev.sieve.nn.tfjs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * A constant of a TF.js graph as read from its weight shards, dequantized: float32 values in
 * {@code floats} or int32 / bool (0, 1) values in {@code ints}, row-major in {@code shape}.
 */
record HostTensor(String name, String dtype, long[] shape, float[] floats, int[] ints) {
    /** The tensor on {@code manager}: FLOAT32, INT32 or BOOLEAN. */
    NDArray toNd(NDManager manager) {
        Shape s = new Shape(shape);
        return switch (dtype) {
            case "float32" -> manager.create(floats, s);
            case "int32" -> manager.create(ints, s);
            default -> {
                boolean[] b = new boolean[ints.length];
                for (int i = 0; i < b.length; i++) {
                    b[i] = ints[i] != 0;
                }
                yield manager.create(b, s);
            }
        };
    }
}
