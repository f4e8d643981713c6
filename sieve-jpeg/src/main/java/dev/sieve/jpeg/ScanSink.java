package dev.sieve.jpeg;

import java.util.Arrays;

/** Receives the symbols and extra bits of a scan: {@link Counter} counts them, {@link Writer} codes them. */
abstract class ScanSink {
    abstract void dc(int table, int symbol);

    abstract void ac(int table, int symbol);

    /** The low {@code n} ≤ 24 bits of {@code value}. */
    abstract void bits(int value, int n);

    /** The low {@code n} ≤ 63 bits of {@code value}. */
    abstract void bitsLong(long value, int n);

    /** Holds the low {@code n} ≤ 63 bits of {@code value} back until {@link #releaseDeferred()}. */
    abstract void defer(long value, int n);

    /** Sends the bits held back, oldest first. */
    abstract void releaseDeferred();

    /** Counts symbol frequencies for optimal tables, and extra bits. */
    static final class Counter extends ScanSink {
        final long[][] dc;
        final long[][] ac;
        long extra;

        Counter(int tables) {
            dc = new long[tables][256];
            ac = new long[tables][256];
        }

        @Override
        void dc(int table, int symbol) {
            dc[table][symbol]++;
        }

        @Override
        void ac(int table, int symbol) {
            ac[table][symbol]++;
        }

        @Override
        void bits(int value, int n) {
            extra += n;
        }

        @Override
        void bitsLong(long value, int n) {
            extra += n;
        }

        @Override
        void defer(long value, int n) {
            extra += n;
        }

        @Override
        void releaseDeferred() {
        }
    }

    /** Writes Huffman codes and extra bits. */
    static final class Writer extends ScanSink {
        private final BitWriter out;
        private final HuffmanTable[] dcTables;
        private final HuffmanTable[] acTables;
        private long[] heldValues = new long[0];
        private byte[] heldCounts = new byte[0];
        private int held;

        Writer(BitWriter out, HuffmanTable[] dc, HuffmanTable[] ac) {
            this.out = out;
            this.dcTables = dc;
            this.acTables = ac;
        }

        @Override
        void dc(int table, int symbol) {
            HuffmanTable t = dcTables[table];
            out.bits(t.code[symbol], t.size[symbol]);
        }

        @Override
        void ac(int table, int symbol) {
            HuffmanTable t = acTables[table];
            out.bits(t.code[symbol], t.size[symbol]);
        }

        @Override
        void bits(int value, int n) {
            out.bits(value, n);
        }

        @Override
        void bitsLong(long value, int n) {
            while (n > 24) {
                n -= 24;
                out.bits((int) (value >>> n), 24);
            }
            out.bits((int) value, n);
        }

        @Override
        void defer(long value, int n) {
            if (n == 0) {
                return;
            }
            if (held == heldValues.length) {
                heldValues = Arrays.copyOf(heldValues, Math.max(64, 2 * held));
                heldCounts = Arrays.copyOf(heldCounts, heldValues.length);
            }
            heldValues[held] = value;
            heldCounts[held++] = (byte) n;
        }

        @Override
        void releaseDeferred() {
            for (int i = 0; i < held; i++) {
                bitsLong(heldValues[i], heldCounts[i]);
            }
            held = 0;
        }
    }
}
