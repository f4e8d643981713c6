package dev.sieve.jpeg;

import dev.sieve.jpeg.JpegEncoder.Component;
import dev.sieve.jpeg.JpegEncoder.Frame;
import java.nio.charset.StandardCharsets;

/** Writes the markers and Huffman-coded scans of a quantized frame (T.81 Annex B and F, G.1.2). */
final class EntropyEncoder {
    private final Frame f;
    private final JpegOptions o;
    private final BitWriter out;

    EntropyEncoder(Frame f, JpegOptions o) {
        this.f = f;
        this.o = o;
        long coefs = 0;
        for (Component c : f.components) {
            coefs += c.coef.length;
        }
        this.out = new BitWriter((int) Math.min(Integer.MAX_VALUE - 16, 1024 + coefs / 8));
    }

    byte[] write() {
        out.shortOut(0xFFD8);
        writeJfif();
        writeQuantTables();
        writeFrameHeader();
        if (o.progressive()) {
            writeProgressiveScans();
        } else {
            writeBaselineScan();
        }
        out.shortOut(0xFFD9);
        return out.toByteArray();
    }

    private void writeJfif() {
        out.shortOut(0xFFE0);
        out.shortOut(16);
        out.bytesOut("JFIF\0".getBytes(StandardCharsets.US_ASCII));
        out.byteOut(1);
        out.byteOut(1);
        out.byteOut(0);
        out.shortOut(1);
        out.shortOut(1);
        out.byteOut(0);
        out.byteOut(0);
    }

    private void writeQuantTables() {
        out.shortOut(0xFFDB);
        out.shortOut(2 + 65 * f.tables.length);
        for (int t = 0; t < f.tables.length; t++) {
            out.byteOut(t);
            for (int k = 0; k < 64; k++) {
                out.byteOut(f.tables[t][ZigZag.NATURAL[k]]);
            }
        }
    }

    private void writeFrameHeader() {
        out.shortOut(o.progressive() ? 0xFFC2 : 0xFFC0);
        out.shortOut(8 + 3 * f.components.length);
        out.byteOut(8);
        out.shortOut(f.height);
        out.shortOut(f.width);
        out.byteOut(f.components.length);
        for (Component c : f.components) {
            out.byteOut(c.id);
            out.byteOut((c.h << 4) | c.v);
            out.byteOut(c.tableIndex);
        }
    }

    private void writeHuffmanTable(int tableClass, int index, HuffmanTable t) {
        out.shortOut(0xFFC4);
        out.shortOut(2 + 17 + t.values.length);
        out.byteOut((tableClass << 4) | index);
        for (int i = 1; i <= 16; i++) {
            out.byteOut(t.bits[i]);
        }
        for (int v : t.values) {
            out.byteOut(v);
        }
    }

    private void writeScanHeader(Component[] comps, int ss, int se) {
        out.shortOut(0xFFDA);
        out.shortOut(6 + 2 * comps.length);
        out.byteOut(comps.length);
        for (Component c : comps) {
            out.byteOut(c.id);
            out.byteOut((c.tableIndex << 4) | c.tableIndex);
        }
        out.byteOut(ss);
        out.byteOut(se);
        out.byteOut(0);
    }

    private int tableCount() {
        return f.components.length == 1 ? 1 : 2;
    }

    private void writeBaselineScan() {
        int n = tableCount();
        HuffmanTable[] dc = new HuffmanTable[n], ac = new HuffmanTable[n];
        if (o.optimizeHuffman()) {
            Counter cnt = new Counter(n);
            codeBaseline(cnt);
            for (int t = 0; t < n; t++) {
                dc[t] = HuffmanTable.optimal(cnt.dc[t]);
                ac[t] = HuffmanTable.optimal(cnt.ac[t]);
            }
        } else {
            for (int t = 0; t < n; t++) {
                dc[t] = HuffmanTable.standard(true, t == 0);
                ac[t] = HuffmanTable.standard(false, t == 0);
            }
        }
        for (int t = 0; t < n; t++) {
            writeHuffmanTable(0, t, dc[t]);
            writeHuffmanTable(1, t, ac[t]);
        }
        writeScanHeader(f.components, 0, 63);
        codeBaseline(new Writer(out, dc, ac));
        out.flushBits();
    }

    private void writeProgressiveScans() {
        int n = tableCount();
        Counter dcCount = new Counter(n);
        codeDcScan(dcCount);
        HuffmanTable[] dc = new HuffmanTable[n];
        for (int t = 0; t < n; t++) {
            dc[t] = HuffmanTable.optimal(dcCount.dc[t]);
            writeHuffmanTable(0, t, dc[t]);
        }
        writeScanHeader(f.components, 0, 0);
        codeDcScan(new Writer(out, dc, null));
        out.flushBits();
        for (Component c : f.components) {
            int[][] bands = c.tableIndex == 0 ? new int[][] {{1, 5}, {6, 63}} : new int[][] {{1, 63}};
            for (int[] band : bands) {
                Counter cnt = new Counter(n);
                codeAcScan(c, band[0], band[1], cnt);
                HuffmanTable[] ac = new HuffmanTable[n];
                ac[c.tableIndex] = HuffmanTable.optimal(cnt.ac[c.tableIndex]);
                writeHuffmanTable(1, c.tableIndex, ac[c.tableIndex]);
                writeScanHeader(new Component[] {c}, band[0], band[1]);
                codeAcScan(c, band[0], band[1], new Writer(out, null, ac));
                out.flushBits();
            }
        }
    }

    /** Baseline scan: interleaved MCUs for several components, raster blocks for one. */
    private void codeBaseline(Sink s) {
        int[] pred = new int[f.components.length];
        if (f.components.length == 1) {
            Component c = f.components[0];
            for (int by = 0; by < c.realBlocksHigh; by++) {
                for (int bx = 0; bx < c.realBlocksWide; bx++) {
                    int off = (by * c.blocksWide + bx) * 64;
                    pred[0] = codeDc(s, c, off, pred[0]);
                    codeAc(s, c, off);
                }
            }
            return;
        }
        for (int my = 0; my < f.mcusHigh; my++) {
            for (int mx = 0; mx < f.mcusWide; mx++) {
                for (int ci = 0; ci < f.components.length; ci++) {
                    Component c = f.components[ci];
                    for (int v = 0; v < c.v; v++) {
                        for (int h = 0; h < c.h; h++) {
                            int off = ((my * c.v + v) * c.blocksWide + mx * c.h + h) * 64;
                            pred[ci] = codeDc(s, c, off, pred[ci]);
                            codeAc(s, c, off);
                        }
                    }
                }
            }
        }
    }

    /** First DC scan of a progressive image (Ah = Al = 0): the DC differences only. */
    private void codeDcScan(Sink s) {
        int[] pred = new int[f.components.length];
        if (f.components.length == 1) {
            Component c = f.components[0];
            for (int by = 0; by < c.realBlocksHigh; by++) {
                for (int bx = 0; bx < c.realBlocksWide; bx++) {
                    pred[0] = codeDc(s, c, (by * c.blocksWide + bx) * 64, pred[0]);
                }
            }
            return;
        }
        for (int my = 0; my < f.mcusHigh; my++) {
            for (int mx = 0; mx < f.mcusWide; mx++) {
                for (int ci = 0; ci < f.components.length; ci++) {
                    Component c = f.components[ci];
                    for (int v = 0; v < c.v; v++) {
                        for (int h = 0; h < c.h; h++) {
                            int off = ((my * c.v + v) * c.blocksWide + mx * c.h + h) * 64;
                            pred[ci] = codeDc(s, c, off, pred[ci]);
                        }
                    }
                }
            }
        }
    }

    /** First AC scan of band [ss, se] of one component (Ah = Al = 0), with end-of-band runs (G.1.2.2). */
    private void codeAcScan(Component c, int ss, int se, Sink s) {
        int t = c.tableIndex;
        short[] coef = c.coef;
        int eobrun = 0;
        for (int by = 0; by < c.realBlocksHigh; by++) {
            for (int bx = 0; bx < c.realBlocksWide; bx++) {
                int off = (by * c.blocksWide + bx) * 64;
                int run = 0;
                for (int k = ss; k <= se; k++) {
                    int v = coef[off + k];
                    if (v == 0) {
                        run++;
                        continue;
                    }
                    if (eobrun > 0) {
                        emitEobRun(s, t, eobrun);
                        eobrun = 0;
                    }
                    while (run > 15) {
                        s.ac(t, 0xF0);
                        run -= 16;
                    }
                    int a = v < 0 ? -v : v;
                    int nb = 32 - Integer.numberOfLeadingZeros(a);
                    s.ac(t, (run << 4) | nb);
                    s.bits(v < 0 ? v - 1 : v, nb);
                    run = 0;
                }
                if (run > 0) {
                    eobrun++;
                    if (eobrun == 0x7FFF) {
                        emitEobRun(s, t, eobrun);
                        eobrun = 0;
                    }
                }
            }
        }
        if (eobrun > 0) {
            emitEobRun(s, t, eobrun);
        }
    }

    private static void emitEobRun(Sink s, int t, int eobrun) {
        int nb = 31 - Integer.numberOfLeadingZeros(eobrun);
        s.ac(t, nb << 4);
        if (nb > 0) {
            s.bits(eobrun, nb);
        }
    }

    private static int codeDc(Sink s, Component c, int off, int pred) {
        int dc = c.coef[off];
        int diff = dc - pred;
        int a = diff < 0 ? -diff : diff;
        int nb = 32 - Integer.numberOfLeadingZeros(a);
        s.dc(c.tableIndex, nb);
        if (nb > 0) {
            s.bits(diff < 0 ? diff - 1 : diff, nb);
        }
        return dc;
    }

    private static void codeAc(Sink s, Component c, int off) {
        short[] coef = c.coef;
        int t = c.tableIndex;
        int run = 0;
        for (int k = 1; k < 64; k++) {
            int v = coef[off + k];
            if (v == 0) {
                run++;
                continue;
            }
            while (run > 15) {
                s.ac(t, 0xF0);
                run -= 16;
            }
            int a = v < 0 ? -v : v;
            int nb = 32 - Integer.numberOfLeadingZeros(a);
            s.ac(t, (run << 4) | nb);
            s.bits(v < 0 ? v - 1 : v, nb);
            run = 0;
        }
        if (run > 0) {
            s.ac(t, 0x00);
        }
    }

    /** Receives the symbols and extra bits of a scan. */
    private abstract static class Sink {
        abstract void dc(int table, int symbol);

        abstract void ac(int table, int symbol);

        abstract void bits(int value, int n);
    }

    /** Counts symbol frequencies for optimal tables. */
    private static final class Counter extends Sink {
        final long[][] dc;
        final long[][] ac;

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
        }
    }

    /** Writes Huffman codes and extra bits. */
    private static final class Writer extends Sink {
        private final BitWriter out;
        private final HuffmanTable[] dcTables;
        private final HuffmanTable[] acTables;

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
    }
}
