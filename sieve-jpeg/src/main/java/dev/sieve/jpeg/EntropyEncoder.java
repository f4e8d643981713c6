package dev.sieve.jpeg;

import dev.sieve.jpeg.JpegEncoder.Component;
import dev.sieve.jpeg.JpegEncoder.Frame;
import dev.sieve.jpeg.ScanSink.Counter;
import dev.sieve.jpeg.ScanSink.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Writes the markers and Huffman-coded scans of a quantized frame (T.81 Annex B, F and G.1.2).
 *
 * <p>Baseline (SOF0): one interleaved scan with the Annex K.3 tables or two-pass optimal ones.
 *
 * <p>Progressive (SOF2; spectral selection and successive approximation, G.1.2): the scan script
 * of {@link ScanScriptSearch}, or a given one; each scan after the DHTs of its
 * {@link ProgressiveTables}. The scans are coded by {@link ScanCoder} in parallel with each scan
 * on one thread, so the bytes do not depend on the number of threads.
 */
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
        return new EntropyEncoder(f, null).countBaseline(new ScanCoder(f));
    }

    byte[] write() {
        return write(null);
    }

    /**
     * Writes the file; for a progressive frame {@code script} (checked to be a complete, legal
     * progression) replaces the searched scan script, null searches.
     */
    byte[] write(List<Scan> script) {
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
            writeProgressiveScans(script);
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

    /** SOS: per component its id and DC/AC table destinations {@code td[i]}, {@code ta[i]}. */
    private void writeScanHeader(Component[] comps, int[] td, int[] ta, int ss, int se, int ah, int al) {
        out.shortOut(0xFFDA);
        out.shortOut(6 + 2 * comps.length);
        out.byteOut(comps.length);
        for (int i = 0; i < comps.length; i++) {
            out.byteOut(comps[i].id);
            out.byteOut((td[i] << 4) | ta[i]);
        }
        out.byteOut(ss);
        out.byteOut(se);
        out.byteOut((ah << 4) | al);
    }

    private int tableCount() {
        return f.components.length == 1 ? 1 : 2;
    }

    private long[][][] countBaseline(ScanCoder coder) {
        int n = tableCount();
        int chunks = coder.chunks();
        Counter[] counts = new Counter[chunks];
        IntStream.range(0, chunks).parallel().forEach(i -> {
            counts[i] = new Counter(n);
            coder.codeBaseline(counts[i], coder.chunkStart(i, chunks), coder.chunkStart(i + 1, chunks));
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
        ScanCoder coder = new ScanCoder(f);
        int n = tableCount();
        HuffmanTable[] dc = new HuffmanTable[n], ac = new HuffmanTable[n];
        int chunks = coder.chunks();
        if (o.optimizeHuffman()) {
            long[][][] freq = countBaseline(coder);
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
        int[] slots = new int[f.components.length];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = f.components[i].tableIndex;
        }
        writeScanHeader(f.components, slots, slots, 0, 63, 0, 0);
        BitWriter[] segments = new BitWriter[chunks];
        IntStream.range(0, chunks).parallel().forEach(i -> {
            int from = coder.chunkStart(i, chunks), to = coder.chunkStart(i + 1, chunks);
            segments[i] = new BitWriter(1 << 16, false);
            coder.codeBaseline(new Writer(segments[i], dc, ac), from, to);
        });
        for (BitWriter seg : segments) {
            out.append(seg);
        }
        out.flushBits();
    }

    /** The scans of {@code given}, or of the searched script if null, each after its tables. */
    private void writeProgressiveScans(List<Scan> given) {
        int nc = f.components.length;
        ScanCoder coder = ScanCoder.progressive(f);
        List<Scan> script = given != null ? given : new ScanScriptSearch(coder).search();
        Scan.checkScript(script, nc);
        Counter[] counts = coder.count(script);
        int n = script.size();
        HuffmanTable[][] dcTables = new HuffmanTable[n][];
        int[][] dcSlots = new int[n][];
        for (int i = 0; i < n; i++) {
            Scan s = script.get(i);
            if (s.ss() == 0 && s.ah() == 0) {
                dcSlots[i] = new int[nc];
                dcTables[i] = ProgressiveTables.dcTables(s.components(), counts[i], dcSlots[i]);
            }
        }
        HuffmanTable[] acTable = new HuffmanTable[n];
        int[] acSlot = new int[n];
        boolean[] acDefine = new boolean[n];
        ProgressiveTables.shareAcTables(script, counts, acTable, acSlot, acDefine);
        BitWriter[] segments = new BitWriter[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            segments[i] = new BitWriter((int) Math.min(1 << 30, 64 + counts[i].extra / 4));
            coder.code(script.get(i), new Writer(segments[i], dcTables[i], new HuffmanTable[] {acTable[i]}));
            segments[i].flushBits();
        });
        for (int i = 0; i < n; i++) {
            Scan s = script.get(i);
            Component[] comps = new Component[s.components().length];
            int[] td = new int[comps.length], ta = new int[comps.length];
            for (int j = 0; j < comps.length; j++) {
                comps[j] = f.components[s.components()[j]];
            }
            if (dcTables[i] != null) {
                boolean[] written = new boolean[2];
                for (int j = 0; j < comps.length; j++) {
                    td[j] = dcSlots[i][s.components()[j]];
                    if (!written[td[j]]) {
                        writeHuffmanTable(0, td[j], dcTables[i][s.components()[j]]);
                        written[td[j]] = true;
                    }
                }
            } else if (acTable[i] != null) {
                ta[0] = acSlot[i];
                if (acDefine[i]) {
                    writeHuffmanTable(1, ta[0], acTable[i]);
                }
            }
            writeScanHeader(comps, td, ta, s.ss(), s.se(), s.ah(), s.al());
            out.bytesOut(segments[i].toByteArray());
        }
    }
}
