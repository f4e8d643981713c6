package dev.sieve.jpeg;

import dev.sieve.jpeg.JpegEncoder.Component;
import dev.sieve.jpeg.JpegEncoder.Frame;
import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;

/** Writes the markers and Huffman-coded scans of a quantized frame (T.81 Annex B and F, G.1.2). */
final class EntropyEncoder {
    private final Frame f;
    private final JpegOptions o;
    private BitWriter out;

    EntropyEncoder(Frame f, JpegOptions o) {
        this.f = f;
        this.o = o;
    }

    /**
     * Symbol frequencies of the baseline scan of {@code f}: {@code [0][table][symbol]} for DC,
     * {@code [1][table][symbol]} for AC.
     */
    static long[][][] baselineFrequencies(Frame f) {
        return new EntropyEncoder(f, null).countBaseline();
    }

    byte[] write() {
        long coefs = 0;
        for (Component c : f.components) {
            coefs += c.coef.length;
        }
        out = new BitWriter((int) Math.min(Integer.MAX_VALUE - 16, 1024 + coefs / 8));
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

    private int chunks() {
        return Math.min(mcuRows(), 4 * Runtime.getRuntime().availableProcessors());
    }

    private long[][][] countBaseline() {
        int n = tableCount();
        int chunks = chunks();
        Counter[] counts = new Counter[chunks];
        IntStream.range(0, chunks).parallel().forEach(i -> {
            counts[i] = new Counter(n);
            codeBaseline(counts[i], chunkStart(i, chunks), chunkStart(i + 1, chunks));
        });
        long[][][] freq = new long[2][n][256];
        for (int t = 0; t < n; t++) {
            for (Counter c : counts) {
                for (int s = 0; s < 256; s++) {
                    freq[0][t][s] += c.dc[t][s];
                    freq[1][t][s] += c.ac[t][s];
                }
            }
        }
        return freq;
    }

    private void writeBaselineScan() {
        int n = tableCount();
        HuffmanTable[] dc = new HuffmanTable[n], ac = new HuffmanTable[n];
        int chunks = chunks();
        if (o.optimizeHuffman()) {
            long[][][] freq = countBaseline();
            for (int t = 0; t < n; t++) {
                dc[t] = HuffmanTable.optimal(freq[0][t]);
                ac[t] = HuffmanTable.optimal(freq[1][t]);
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
        BitWriter[] segments = new BitWriter[chunks];
        IntStream.range(0, chunks).parallel().forEach(i -> {
            int from = chunkStart(i, chunks), to = chunkStart(i + 1, chunks);
            segments[i] = new BitWriter(1 << 16, false);
            codeBaseline(new Writer(segments[i], dc, ac), from, to);
        });
        for (BitWriter seg : segments) {
            out.append(seg);
        }
        out.flushBits();
    }

    /** Rows of MCUs of the baseline scan (block rows for a single component). */
    private int mcuRows() {
        return f.components.length == 1 ? f.components[0].realBlocksHigh : f.mcusHigh;
    }

    private int chunkStart(int i, int chunks) {
        return (int) ((long) mcuRows() * i / chunks);
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

    /**
     * Baseline scan of MCU rows [from, to): DC difference and AC coefficients of every block.
     * DC predictors start from the last block before {@code from}, so chunks coded separately
     * concatenate to the sequential scan.
     */
    private void codeBaseline(Sink s, int from, int to) {
        int[] pred = predictorsBefore(from);
        forEachBlock(from, to, (ci, c, off) -> {
            pred[ci] = codeDc(s, c, off, pred[ci]);
            if (codeBand(s, c, off, 1, 63, 0) > 0) {
                emitEobRun(s, c.tableIndex, 1);
            }
        });
    }

    /** First DC scan of a progressive image (Ah = Al = 0): the DC differences only. */
    private void codeDcScan(Sink s) {
        int[] pred = new int[f.components.length];
        forEachBlock(0, mcuRows(), (ci, c, off) -> pred[ci] = codeDc(s, c, off, pred[ci]));
    }

    /** First AC scan of band [ss, se] of one component (Ah = Al = 0), with end-of-band runs (G.1.2.2). */
    private void codeAcScan(Component c, int ss, int se, Sink s) {
        int eobrun = 0;
        for (int by = 0; by < c.realBlocksHigh; by++) {
            for (int bx = 0; bx < c.realBlocksWide; bx++) {
                eobrun = codeBand(s, c, (by * c.blocksWide + bx) * 64, ss, se, eobrun);
                if (eobrun == 0x7FFF) {
                    emitEobRun(s, c.tableIndex, eobrun);
                    eobrun = 0;
                }
            }
        }
        if (eobrun > 0) {
            emitEobRun(s, c.tableIndex, eobrun);
        }
    }

    /** Visits one block: component index, component, offset of its coefficients. */
    @FunctionalInterface
    private interface BlockVisitor {
        void visit(int componentIndex, Component c, int offset);
    }

    /**
     * Visits the blocks of MCU rows [from, to) in scan order: interleaved MCUs for several
     * components (T.81 A.2.3), raster order over the image's blocks for one (A.2.2).
     */
    private void forEachBlock(int from, int to, BlockVisitor v) {
        if (f.components.length == 1) {
            Component c = f.components[0];
            for (int by = from; by < to; by++) {
                for (int bx = 0; bx < c.realBlocksWide; bx++) {
                    v.visit(0, c, (by * c.blocksWide + bx) * 64);
                }
            }
            return;
        }
        for (int my = from; my < to; my++) {
            for (int mx = 0; mx < f.mcusWide; mx++) {
                for (int ci = 0; ci < f.components.length; ci++) {
                    Component c = f.components[ci];
                    for (int dv = 0; dv < c.v; dv++) {
                        for (int dh = 0; dh < c.h; dh++) {
                            v.visit(ci, c, ((my * c.v + dv) * c.blocksWide + mx * c.h + dh) * 64);
                        }
                    }
                }
            }
        }
    }

    /** DC of the last block that precedes MCU row {@code from} in scan order, per component. */
    private int[] predictorsBefore(int from) {
        int[] pred = new int[f.components.length];
        if (from == 0) {
            return pred;
        }
        if (f.components.length == 1) {
            Component c = f.components[0];
            pred[0] = c.coef[((from - 1) * c.blocksWide + c.realBlocksWide - 1) * 64];
            return pred;
        }
        for (int ci = 0; ci < pred.length; ci++) {
            Component c = f.components[ci];
            pred[ci] = c.coef[((from * c.v - 1) * c.blocksWide + f.mcusWide * c.h - 1) * 64];
        }
        return pred;
    }

    /**
     * Codes coefficients ss..se (zig-zag) of one block: run/size symbols, ZRL for runs over 15,
     * and a pending end-of-band run flushed before the first nonzero coefficient. Returns the
     * end-of-band run after this block (the caller decides when to emit it; a run of 1 is the
     * baseline EOB symbol 0x00).
     */
    private static int codeBand(Sink s, Component c, int off, int ss, int se, int eobrun) {
        short[] coef = c.coef;
        int t = c.tableIndex;
        int[] zz = ZigZag.NATURAL;
        int run = 0;
        for (int k = ss; k <= se; k++) {
            int v = coef[off + zz[k]];
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
        return run > 0 ? eobrun + 1 : eobrun;
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
