package dev.sieve.jpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HuffmanTableTest {
    @Test
    void optimalTablesArePrefixFreeLimitedToSixteenBitsAndAvoidAllOnes() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int trial = 0; trial < 50; trial++) {
            long[] freq = new long[256];
            int symbols = 1 + rnd.nextInt(256);
            for (int s = 0; s < symbols; s++) {
                freq[rnd.nextInt(256)] = trial % 2 == 0 ? 1 + rnd.nextInt(10) : 1L << rnd.nextInt(40);
            }
            HuffmanTable t = HuffmanTable.optimal(freq);
            double kraft = 0;
            for (int s = 0; s < 256; s++) {
                if (freq[s] > 0) {
                    assertThat(t.size[s]).isBetween(1, 16);
                    kraft += Math.pow(2, -t.size[s]);
                    assertThat(t.code[s]).isNotEqualTo((1 << t.size[s]) - 1);
                }
            }
            assertThat(kraft).isLessThan(1.0);
        }
    }

    @Test
    void optimalTablesEqualLibjpegsProcedureOverAll257Entries() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int trial = 0; trial < 400; trial++) {
            long[] freq = new long[256];
            int symbols = 1 + rnd.nextInt(trial % 4 == 0 ? 256 : 24);
            for (int s = 0; s < symbols; s++) {
                // few distinct counts make many ties, whose order the procedure fixes
                freq[rnd.nextInt(256)] = switch (trial % 3) {
                    case 0 -> 1 + rnd.nextInt(3);
                    case 1 -> 1 + rnd.nextInt(1000);
                    default -> 1L << rnd.nextInt(45);
                };
            }
            HuffmanTable fast = HuffmanTable.optimal(freq);
            int[][] slow = libjpeg(freq);
            assertThat(java.util.Arrays.copyOfRange(fast.bits, 1, 17)).as("bits, trial %d", trial).containsExactly(slow[0]);
            assertThat(fast.values).as("values, trial %d", trial).containsExactly(slow[1]);
        }
    }

    /** T.81 Annex K.2 as libjpeg's jpeg_gen_optimal_table writes it: every search over all 257 entries; {bits[1..16], values}. */
    private static int[][] libjpeg(long[] freq) {
        long[] f = java.util.Arrays.copyOf(freq, 257);
        f[256] = 1;
        int[] codesize = new int[257], others = new int[257];
        java.util.Arrays.fill(others, -1);
        while (true) {
            int c1 = -1, c2 = -1;
            long v = Long.MAX_VALUE;
            for (int i = 0; i <= 256; i++) {
                if (f[i] != 0 && f[i] <= v) {
                    v = f[i];
                    c1 = i;
                }
            }
            v = Long.MAX_VALUE;
            for (int i = 0; i <= 256; i++) {
                if (f[i] != 0 && f[i] <= v && i != c1) {
                    v = f[i];
                    c2 = i;
                }
            }
            if (c2 < 0) {
                break;
            }
            f[c1] += f[c2];
            f[c2] = 0;
            codesize[c1]++;
            while (others[c1] >= 0) {
                c1 = others[c1];
                codesize[c1]++;
            }
            others[c1] = c2;
            codesize[c2]++;
            while (others[c2] >= 0) {
                c2 = others[c2];
                codesize[c2]++;
            }
        }
        int[] bits = new int[258];
        for (int i = 0; i <= 256; i++) {
            if (codesize[i] > 0) {
                bits[codesize[i]]++;
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
        java.util.List<Integer> vals = new java.util.ArrayList<>();
        for (int len = 1; len <= 257; len++) {
            for (int s = 0; s <= 255; s++) {
                if (codesize[s] == len) {
                    vals.add(s);
                }
            }
        }
        return new int[][] {java.util.Arrays.copyOfRange(bits, 1, 17), vals.stream().mapToInt(Integer::intValue).toArray()};
    }

    @Test
    void skewedFrequenciesGiveShorterCodesToFrequentSymbols() {
        long[] freq = new long[256];
        freq[0] = 1000;
        freq[1] = 10;
        freq[2] = 10;
        HuffmanTable t = HuffmanTable.optimal(freq);
        assertThat(t.size[0]).isLessThan(t.size[1]);
    }

    @Test
    void standardTablesMatchAnnexK() {
        HuffmanTable dc = HuffmanTable.standard(true, true);
        assertThat(dc.size[0]).isEqualTo(2);
        assertThat(dc.code[0]).isEqualTo(0b00);
        assertThat(dc.size[11]).isEqualTo(9);
        HuffmanTable ac = HuffmanTable.standard(false, true);
        assertThat(ac.size[0x00]).isEqualTo(4);
        assertThat(ac.code[0x00]).isEqualTo(0b1010);
        assertThat(ac.size[0xF0]).isEqualTo(11);
    }
}
