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
