package dev.sieve.jpeg;

/**
 * How much each 8×8 luma block's distortion counts in a rate-distortion optimized encode: the
 * encoder minimizes Σ_b w_b·D_b + λ·R_b (see {@link Trellis}), so a block of weight w is quantized
 * as if λ were λ / w. Weights are relative (only their ratios and the search for size matter),
 * positive and finite. A chroma block takes the mean weight of the luma blocks it covers (weighting
 * chroma uniformly instead raises luma subject PSNR by at most 0.11 dB and lowers RGB subject PSNR by
 * 0.4–0.9 dB at the same size).
 */
public final class BlockWeights {
    private final int blocksWide;
    private final int blocksHigh;
    private final float[] weight;

    /**
     * @param blocksWide {@code ceil(width / 8)} of the image
     * @param blocksHigh {@code ceil(height / 8)} of the image
     * @param weight w_b per block, raster order, each in (0, 1e6]
     */
    public BlockWeights(int blocksWide, int blocksHigh, float[] weight) {
        if (weight.length != blocksWide * blocksHigh) {
            throw new IllegalArgumentException("block grid " + blocksWide + "x" + blocksHigh + " needs "
                    + blocksWide * blocksHigh + " weights, got " + weight.length);
        }
        for (float w : weight) {
            if (!(w > 0 && w <= 1e6f)) {
                throw new IllegalArgumentException("block weights must be in (0, 1e6], got " + w);
            }
        }
        this.blocksWide = blocksWide;
        this.blocksHigh = blocksHigh;
        this.weight = weight.clone();
    }

    public int blocksWide() {
        return blocksWide;
    }

    public int blocksHigh() {
        return blocksHigh;
    }

    /**
     * The weights of {@link CoefficientImage#rowSample}: luma block rows of MCU rows 0,
     * {@code stride}, 2·{@code stride}, … with {@code rowsPerMcuRow} block rows per MCU row.
     */
    public BlockWeights rowSample(int stride, int rowsPerMcuRow) {
        int mcuRows = (blocksHigh + rowsPerMcuRow - 1) / rowsPerMcuRow;
        int rows = (mcuRows + stride - 1) / stride;
        float[] w = new float[rows * rowsPerMcuRow * blocksWide];
        for (int r = 0; r < rows; r++) {
            for (int dv = 0; dv < rowsPerMcuRow; dv++) {
                int by = r * stride * rowsPerMcuRow + dv;
                for (int bx = 0; bx < blocksWide; bx++) {
                    w[(r * rowsPerMcuRow + dv) * blocksWide + bx] = at(bx, by);
                }
            }
        }
        return new BlockWeights(blocksWide, rows * rowsPerMcuRow, w);
    }

    /** Weight of luma block (bx, by); blocks beyond the grid (MCU padding) repeat the edge. */
    public float at(int bx, int by) {
        return weight[Math.min(by, blocksHigh - 1) * blocksWide + Math.min(bx, blocksWide - 1)];
    }
}
