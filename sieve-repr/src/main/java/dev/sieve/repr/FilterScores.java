package dev.sieve.repr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Importance of every filter of every convolutional layer, as a {@link FilterRanking} computed it:
 * {@code importance[ℓ][f]}, where a lower value means the filter is dropped first. Layers a ranking
 * skipped hold {@code null}.
 */
public record FilterScores(String metric, double[][] importance) {

    /**
     * The filters to drop: the bottom {@code fraction} by importance (Algorithm 3, line 6).
     * {@code global}: one ranking over all filters of all ranked layers, as the thesis does (§5.5:
     * no per-layer p %, deeper layers lose more); otherwise {@code fraction} of each layer.
     * {@code excludeFirst}: the first convolution is never dropped (the author's advice; its
     * {@code k·k·c} rows are too short to have room for orthogonal re-initialization).
     * Ties are broken by layer then filter index, so the selection is deterministic. Every layer
     * keeps at least one filter.
     */
    public boolean[][] select(double fraction, boolean global, boolean excludeFirst) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("prune fraction must be in (0, 1), got " + fraction);
        }
        boolean[][] drop = new boolean[importance.length][];
        List<int[]> candidates = new ArrayList<>();
        for (int l = 0; l < importance.length; l++) {
            drop[l] = new boolean[importance[l] == null ? 0 : importance[l].length];
        }
        for (int l = 0; l < importance.length; l++) {
            if (importance[l] == null || (excludeFirst && l == 0)) {
                continue;
            }
            if (global) {
                for (int f = 0; f < importance[l].length; f++) {
                    candidates.add(new int[] {l, f});
                }
            } else {
                dropLowest(List.of(layerFilters(l)), (int) Math.round(fraction * importance[l].length), drop);
            }
        }
        if (global) {
            dropLowest(List.of(candidates.toArray(new int[0][])), (int) Math.round(fraction * candidates.size()), drop);
        }
        return drop;
    }

    private int[][] layerFilters(int l) {
        int[][] c = new int[importance[l].length][];
        for (int f = 0; f < c.length; f++) {
            c[f] = new int[] {l, f};
        }
        return c;
    }

    private void dropLowest(List<int[]> candidates, int count, boolean[][] drop) {
        List<int[]> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.<int[]>comparingDouble(c -> importance[c[0]][c[1]]).thenComparingInt(c -> c[0]).thenComparingInt(c -> c[1]));
        int[] left = new int[importance.length];
        for (int l = 0; l < left.length; l++) {
            left[l] = drop[l].length;
            for (boolean d : drop[l]) {
                left[l] -= d ? 1 : 0;
            }
        }
        int dropped = 0;
        for (int[] c : sorted) {
            if (dropped == count) {
                break;
            }
            if (left[c[0]] > 1) {
                drop[c[0]][c[1]] = true;
                left[c[0]]--;
                dropped++;
            }
        }
    }

    /** Number of filters {@code selection} drops in each layer. */
    public static int[] droppedPerLayer(boolean[][] selection) {
        return Arrays.stream(selection).mapToInt(s -> {
            int n = 0;
            for (boolean b : s) {
                n += b ? 1 : 0;
            }
            return n;
        }).toArray();
    }
}
