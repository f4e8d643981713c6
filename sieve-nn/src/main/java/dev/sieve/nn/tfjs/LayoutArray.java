package dev.sieve.nn.tfjs;

import ai.djl.ndarray.NDArray;

/**
 * A graph value: the TensorFlow tensor (NHWC for images) held either as is, or, for rank-4 image
 * tensors between convolutions, as its NCHW transpose (PyTorch's layout), so a chain of
 * convolutions transposes once instead of at every op.
 *
 * @param array the data, NCHW when {@code nchw}
 * @param nchw  whether {@code array} is the NCHW transpose of the NHWC tensor
 */
record LayoutArray(NDArray array, boolean nchw) {
    /** NHWC axis {@code a} of the tensor → its axis in the NCHW array. */
    static final int[] NHWC_TO_NCHW_AXIS = {0, 2, 3, 1};

    static LayoutArray plain(NDArray a) {
        return new LayoutArray(a, false);
    }

    static LayoutArray ofNchw(NDArray a) {
        return new LayoutArray(a, true);
    }

    /** The tensor in TensorFlow's layout. */
    NDArray tf() {
        return nchw ? array.transpose(0, 2, 3, 1) : array;
    }

    /** The rank-4 tensor in NCHW layout. */
    NDArray toNchw() {
        if (nchw) {
            return array;
        }
        if (array.getShape().dimension() != 4) {
            throw new IllegalArgumentException("expected a rank-4 NHWC tensor, got shape " + array.getShape());
        }
        return array.transpose(0, 3, 1, 2);
    }

    /** The TensorFlow rank. */
    int rank() {
        return array.getShape().dimension();
    }
}
