package dev.sieve.jpeg;

import java.util.Arrays;

/**
 * A growable byte buffer that also packs entropy-coded bits MSB first, with 0xFF byte stuffing
 * (T.81 F.1.2.3) unless made as a raw segment to be appended to another writer later.
 */
final class BitWriter {
    private byte[] buf;
    private int len;
    private long acc;
    private int nbits;
    private final boolean stuff;

    BitWriter(int capacity) {
        this(capacity, true);
    }

    BitWriter(int capacity, boolean stuff) {
        buf = new byte[Math.max(1024, capacity)];
        this.stuff = stuff;
    }

    /** Appends every bit written to {@code raw} (an unstuffed segment), stuffing as it goes. */
    void append(BitWriter raw) {
        byte[] b = raw.buf;
        for (int i = 0; i < raw.len; i++) {
            bits(b[i] & 0xFF, 8);
        }
        if (raw.nbits > 0) {
            bits((int) (raw.acc & ((1L << raw.nbits) - 1)), raw.nbits);
        }
    }

    /** Appends the low {@code n} bits (n ≤ 24) of {@code value}. */
    void bits(int value, int n) {
        acc = (acc << n) | (value & ((1L << n) - 1));
        nbits += n;
        if (nbits >= 32) {
            ensure(8);
            while (nbits >= 8) {
                int b = (int) (acc >>> (nbits - 8)) & 0xFF;
                buf[len++] = (byte) b;
                if (b == 0xFF && stuff) {
                    buf[len++] = 0;
                }
                nbits -= 8;
            }
        }
    }

    /** Pads the last byte with 1-bits (T.81 F.1.2.3) and byte-aligns. */
    void flushBits() {
        if (nbits % 8 != 0) {
            bits(0x7F, 8 - nbits % 8);
        }
        ensure(8);
        while (nbits >= 8) {
            int b = (int) (acc >>> (nbits - 8)) & 0xFF;
            buf[len++] = (byte) b;
            if (b == 0xFF) {
                buf[len++] = 0;
            }
            nbits -= 8;
        }
        acc = 0;
    }

    void byteOut(int b) {
        ensure(1);
        buf[len++] = (byte) b;
    }

    void shortOut(int s) {
        byteOut(s >> 8);
        byteOut(s & 0xFF);
    }

    void bytesOut(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    int length() {
        return len;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }
}
