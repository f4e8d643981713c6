package dev.sieve.jpeg;

import javax.imageio.plugins.jpeg.JPEGHuffmanTable;

/**
 * A JPEG Huffman table: code-length counts {@code bits[1..16]} and symbols {@code values}, with
 * the derived encoder lookup ({@code code}, {@code size} per symbol, T.81 Annex C).
 */
final class HuffmanTable {
    final int[] bits = new int[17];
    final int[] values;
    final int[] code = new int[256];
    final int[] size = new int[256];

    private HuffmanTable(int[] bits16, int[] values) {
        System.arraycopy(bits16, 0, bits, 1, 16);
        this.values = values;
        int k = 0, c = 0;
        for (int len = 1; len <= 16; len++) {
            for (int i = 0; i < bits[len]; i++) {
                code[values[k]] = c++;
                size[values[k]] = len;
                k++;
            }
            c <<= 1;
        }
    }

    /** The example tables of T.81 Annex K.3 (as shipped by the JDK). */
    static HuffmanTable standard(boolean dc, boolean luma) {
        JPEGHuffmanTable t = dc
                ? (luma ? JPEGHuffmanTable.StdDCLuminance : JPEGHuffmanTable.StdDCChrominance)
                : (luma ? JPEGHuffmanTable.StdACLuminance : JPEGHuffmanTable.StdACChrominance);
        short[] l = t.getLengths(), v = t.getValues();
        int[] bits = new int[16], vals = new int[v.length];
        for (int i = 0; i < 16; i++) {
            bits[i] = l[i];
        }
        for (int i = 0; i < v.length; i++) {
            vals[i] = v[i];
        }
        return new HuffmanTable(bits, vals);
    }

    /**
     * Optimal table for symbol frequencies {@code freq[0..255]}, code lengths limited to 16 and no
     * all-ones code (T.81 Annex K.2, the procedure of libjpeg's {@code jpeg_gen_optimal_table}, with
     * the intermediate lengths unbounded so that extremely skewed counts cannot overflow). The two
     * searches per merge visit only the symbols still counted, in ascending order, and the symbols are
     * ordered by length over the used ones only: the same table as scanning all 257 entries, in time
     * that grows with the used symbols rather than with 257² (small images and progressive scan
     * searches build thousands of tables over a few symbols).
     */
    static HuffmanTable optimal(long[] freq) {
        long[] f = new long[257];
        System.arraycopy(freq, 0, f, 0, 256);
        f[256] = 1;
        int[] codesize = new int[257];
        int[] others = new int[257];
        java.util.Arrays.fill(others, -1);
        int[] live = new int[257];
        int n = 0;
        for (int i = 0; i <= 256; i++) {
            if (f[i] != 0) {
                live[n++] = i;
            }
        }
        int longest = 0;
        while (n > 1) {
            int c1 = -1, c2 = -1, k2 = -1;
            long v = Long.MAX_VALUE;
            for (int k = 0; k < n; k++) {
                if (f[live[k]] <= v) {
                    v = f[live[k]];
                    c1 = live[k];
                }
            }
            v = Long.MAX_VALUE;
            for (int k = 0; k < n; k++) {
                if (f[live[k]] <= v && live[k] != c1) {
                    v = f[live[k]];
                    c2 = live[k];
                    k2 = k;
                }
            }
            f[c1] += f[c2];
            f[c2] = 0;
            System.arraycopy(live, k2 + 1, live, k2, n - k2 - 1);
            n--;
            codesize[c1]++;
            longest = Math.max(longest, codesize[c1]);
            while (others[c1] >= 0) {
                c1 = others[c1];
                codesize[c1]++;
                longest = Math.max(longest, codesize[c1]);
            }
            others[c1] = c2;
            codesize[c2]++;
            longest = Math.max(longest, codesize[c2]);
            while (others[c2] >= 0) {
                c2 = others[c2];
                codesize[c2]++;
                longest = Math.max(longest, codesize[c2]);
            }
        }
        int[] bits = new int[258];
        int[] used = new int[256];
        int u = 0;
        for (int i = 0; i <= 256; i++) {
            if (codesize[i] > 0) {
                bits[codesize[i]]++;
                if (i < 256) {
                    used[u++] = i;
                }
            }
        }
        for (int i = 257; i > 16; i--) {
            while (bits[i] > 0) {
                int j = i - 2;
                while (bits[j] == 0) {
                    j--;
                }
                bits[i] -= 2;
                bits[i - 1]++;
                bits[j + 1] += 2;
                bits[j]--;
            }
        }
        int i = 16;
        while (bits[i] == 0) {
            i--;
        }
        bits[i]--;
        int count = 0;
        for (int len = 1; len <= 16; len++) {
            count += bits[len];
        }
        int[] vals = new int[count];
        int p = 0;
        for (int len = 1; len <= longest; len++) {
            for (int k = 0; k < u; k++) {
                if (codesize[used[k]] == len) {
                    vals[p++] = used[k];
                }
            }
        }
        int[] b16 = new int[16];
        System.arraycopy(bits, 1, b16, 0, 16);
        return new HuffmanTable(b16, vals);
    }
}
