package dev.sieve.jpeg;

import dev.sieve.jpeg.JpegEncoder.Component;
import dev.sieve.jpeg.JpegEncoder.Frame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Writes the markers and Huffman-coded scans of a quantized frame (T.81 Annex B, F and G.1.2).
 *
 * <p>Baseline (SOF0): one interleaved scan with the Annex K.3 tables or two-pass optimal ones.
 *
 * <p>Progressive (SOF2; spectral selection and successive approximation, G.1.2): the scan script
 * is chosen per image for the smallest file. Every candidate scan is sized exactly (its symbols
 * counted, the optimal Huffman table of the counts built, code lengths plus extra bits plus the
 * DHT and SOS bytes; without coding bits) and the cheapest combination is kept, each choice
 * below on its own since the sizes of the scans add up:
 * <ul>
 * <li>DC: the components in one interleaved scan, one scan each, or luma alone and Cb with Cr
 * (grayscale: one scan); each of those scans with point transform Al ∈ {0, 1, 2} and then Al
 * one-bit refinement scans. An interleaved scan's luma and chroma share a table or not, whichever
 * is smaller.
 * <li>AC, each component on its own (its real blocks only, A.2.2): 1–63 in one first scan or
 * split after zig-zag index 1, 2, 3, 5, 8 or 12 into a low and a high band, each first scan with
 * its own Al ∈ {0, …, 3}; then one refinement scan per lower bit plane, over 1–63 where both
 * bands are at that plane and that is smaller than refining them apart, otherwise per band.
 * </ul>
 * The candidates include the script without successive approximation (all Al = 0, the former
 * fixed one among them) and libjpeg's "simple progression". Order: DC first scans; the luma low
 * band; the chroma first scans; the luma high band; then the refinements from the highest bit
 * plane down (DC, luma, chroma). AC scans with alike statistics then share Huffman tables (a
 * greedy merge while it saves bytes, at most the 4 table destinations in use); every table is
 * defined right before the first scan that uses it. Candidate scans are sized, and final scans
 * coded, in parallel with each scan on one thread, so the bytes do not depend on the number of
 * threads. Cost: a few passes over the blocks' nonzero masks (one per component and Al, for all
 * bands at once), about as much again as a baseline encode for the classic tune.
 */
final class EntropyEncoder {
    /** Split points (last zig-zag index of the low band) tried for the AC bands. */
    private static final int[] SPLITS = {1, 2, 3, 5, 8, 12};
    /** Largest point transform tried for first AC scans. */
    private static final int MAX_AC_AL = 3;
    /** Largest point transform tried for the first DC scan. */
    private static final int MAX_DC_AL = 2;
    /** Longest end-of-band run (T.81 Table G.1: EOB14 with 14 extra bits). */
    private static final int MAX_EOBRUN = 0x7FFF;

    private final Frame f;
    private final JpegOptions o;
    private BitWriter out;
    /**
     * Progressive only: per component, per block, 4 masks of the AC coefficients (bit k for
     * zig-zag index k) whose magnitude shifted right by 0, 1, 2, 3 is nonzero.
     */
    private long[][] nonzero;

    EntropyEncoder(Frame f, JpegOptions o) {
        this.f = f;
        this.o = o;
    }

    /**
     * One scan of a progressive script: component indexes (for DC one or more in frame order,
     * interleaved if more than one; for AC one), spectral band [ss, se] in zig-zag order,
     * successive approximation bit positions ah (0 for a first scan) and al.
     */
    record Scan(int[] components, int ss, int se, int ah, int al) {
        /** Identifies the scan (components, band, ah, al) in the table of counted scans. */
        long key() {
            long k = 0;
            for (int c : components) {
                k |= 1L << c;
            }
            return (((k * 64 + ss) * 64 + se) * 16 + ah) * 16 + al;
        }

        @Override
        public String toString() {
            return Arrays.toString(components) + " " + ss + "-" + se + " Ah=" + ah + " Al=" + al;
        }
    }

    /**
     * Symbol frequencies of the baseline scan of {@code f}: {@code [0][table][symbol]} for DC,
     * {@code [1][table][symbol]} for AC.
     */
    static long[][][] baselineFrequencies(Frame f) {
        return new EntropyEncoder(f, null).countBaseline();
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
        int[] slots = new int[f.components.length];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = f.components[i].tableIndex;
        }
        writeScanHeader(f.components, slots, slots, 0, 63, 0, 0);
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
        return scanRows(allComponents());
    }

    private int chunkStart(int i, int chunks) {
        return (int) ((long) mcuRows() * i / chunks);
    }

    /**
     * Baseline scan of MCU rows [from, to): DC difference and AC coefficients of every block.
     * DC predictors start from the last block before {@code from}, so chunks coded separately
     * concatenate to the sequential scan.
     */
    private void codeBaseline(Sink s, int from, int to) {
        int[] pred = predictorsBefore(from);
        forEachBlock(from, to, (ci, c, off) -> {
            int dc = c.coef[off];
            codeDcDiff(s, c.tableIndex, dc - pred[ci]);
            pred[ci] = dc;
            if (codeBaselineAc(s, c, off)) {
                s.ac(c.tableIndex, 0x00);
            }
        });
    }

    /**
     * Codes AC coefficients 1..63 of one baseline block: run/size symbols and ZRL for runs over 15.
     * Returns whether the block ends in zeros (an EOB is due).
     */
    private static boolean codeBaselineAc(Sink s, Component c, int off) {
        short[] coef = c.coef;
        int t = c.tableIndex;
        int[] zz = ZigZag.NATURAL;
        int run = 0;
        for (int k = 1; k <= 63; k++) {
            int v = coef[off + zz[k]];
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
        return run > 0;
    }

    private static void codeDcDiff(Sink s, int table, int diff) {
        int a = diff < 0 ? -diff : diff;
        int nb = 32 - Integer.numberOfLeadingZeros(a);
        s.dc(table, nb);
        if (nb > 0) {
            s.bits(diff < 0 ? diff - 1 : diff, nb);
        }
    }

    /** Visits one block: component index, component, offset of its coefficients. */
    @FunctionalInterface
    private interface BlockVisitor {
        void visit(int componentIndex, Component c, int offset);
    }

    /**
     * Visits the blocks of MCU rows [from, to) of a scan of all components in scan order:
     * interleaved MCUs for several components (T.81 A.2.3), raster order over the image's blocks
     * for one (A.2.2).
     */
    private void forEachBlock(int from, int to, BlockVisitor v) {
        forEachBlock(allComponents(), from, to, v);
    }

    private int[] allComponents() {
        return IntStream.range(0, f.components.length).toArray();
    }

    /**
     * Visits the blocks of a scan of components {@code comps} (indexes in frame order) in scan
     * order: for one component its real blocks in raster order (A.2.2), block rows [from, to);
     * for several the blocks of MCU rows [from, to), MCU by MCU (A.2.3).
     */
    private void forEachBlock(int[] comps, int from, int to, BlockVisitor v) {
        if (comps.length == 1) {
            Component c = f.components[comps[0]];
            for (int by = from; by < to; by++) {
                for (int bx = 0; bx < c.realBlocksWide; bx++) {
                    v.visit(comps[0], c, (by * c.blocksWide + bx) * 64);
                }
            }
            return;
        }
        for (int my = from; my < to; my++) {
            for (int mx = 0; mx < f.mcusWide; mx++) {
                for (int ci : comps) {
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

    /** Block rows of a scan of components {@code comps}: MCU rows, or one component's real block rows. */
    private int scanRows(int[] comps) {
        return comps.length == 1 ? f.components[comps[0]].realBlocksHigh : f.mcusHigh;
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

    // ---------------------------------------------------------------- progressive (T.81 G.1.2)

    /** The scans of {@code given}, or of the searched script if null, each after its tables. */
    private void writeProgressiveScans(List<Scan> given) {
        int nc = f.components.length;
        prepareProgressive();
        List<Scan> script = given != null ? given : searchScript();
        checkScript(script, nc);
        Counter[] counts = count(script);
        int n = script.size();
        HuffmanTable[][] dcTables = new HuffmanTable[n][];
        int[][] dcSlots = new int[n][];
        for (int i = 0; i < n; i++) {
            Scan s = script.get(i);
            if (s.ss == 0 && s.ah == 0) {
                dcSlots[i] = new int[nc];
                dcTables[i] = dcTables(s.components, counts[i], dcSlots[i]);
            }
        }
        HuffmanTable[] acTable = new HuffmanTable[n];
        int[] acSlot = new int[n];
        boolean[] acDefine = new boolean[n];
        shareAcTables(script, counts, acTable, acSlot, acDefine);
        BitWriter[] segments = new BitWriter[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            segments[i] = new BitWriter((int) Math.min(1 << 30, 64 + counts[i].extra / 4));
            code(script.get(i), new Writer(segments[i], dcTables[i], new HuffmanTable[] {acTable[i]}));
            segments[i].flushBits();
        });
        for (int i = 0; i < n; i++) {
            Scan s = script.get(i);
            Component[] comps = new Component[s.components.length];
            int[] td = new int[comps.length], ta = new int[comps.length];
            for (int j = 0; j < comps.length; j++) {
                comps[j] = f.components[s.components[j]];
            }
            if (dcTables[i] != null) {
                boolean[] written = new boolean[2];
                for (int j = 0; j < comps.length; j++) {
                    td[j] = dcSlots[i][s.components[j]];
                    if (!written[td[j]]) {
                        writeHuffmanTable(0, td[j], dcTables[i][s.components[j]]);
                        written[td[j]] = true;
                    }
                }
            } else if (acTable[i] != null) {
                ta[0] = acSlot[i];
                if (acDefine[i]) {
                    writeHuffmanTable(1, ta[0], acTable[i]);
                }
            }
            writeScanHeader(comps, td, ta, s.ss, s.se, s.ah, s.al);
            out.bytesOut(segments[i].toByteArray());
        }
    }

    /**
     * The AC tables of a script: scans with alike statistics share one table, defined (DHT) before
     * the first of them. Starting from each scan's own optimal table, greedily merges the two
     * groups of scans whose shared optimal table saves the most bytes (a DHT less, against the
     * longer codes), while at most 4 tables (the AC destinations) are in use at once. Fills, per
     * AC scan i, its table, its destination and whether its DHT goes before it.
     */
    private static void shareAcTables(List<Scan> script, Counter[] counts, HuffmanTable[] table, int[] slot,
            boolean[] define) {
        List<TableGroup> groups = new ArrayList<>();
        for (int i = 0; i < script.size(); i++) {
            if (script.get(i).ss > 0) {
                groups.add(new TableGroup(groups.size(), new int[] {i}, counts));
            }
        }
        int[] ids = {groups.size()};
        Map<Long, TableGroup> merged = new HashMap<>();
        while (true) {
            long bestSaving = 0;
            int bestA = -1, bestB = -1;
            TableGroup best = null;
            for (int a = 0; a < groups.size(); a++) {
                for (int b = a + 1; b < groups.size(); b++) {
                    TableGroup ga = groups.get(a), gb = groups.get(b);
                    TableGroup m = merged.computeIfAbsent(((long) ga.id << 32) | gb.id, k -> ga.merge(gb, ids[0]++, counts));
                    long saving = ga.cost + gb.cost - m.cost;
                    if (saving > bestSaving && tablesInUse(groups, ga, gb, script.size()) <= 4) {
                        bestSaving = saving;
                        best = m;
                        bestA = a;
                        bestB = b;
                    }
                }
            }
            if (best == null) {
                break;
            }
            groups.remove(bestB);
            groups.set(bestA, best);
        }
        int[] slotUntil = new int[4];
        Arrays.fill(slotUntil, -1);
        for (int i = 0; i < script.size(); i++) {
            for (TableGroup g : groups) {
                if (g.scans[0] != i) {
                    continue;
                }
                int free = 0;
                while (slotUntil[free] >= i) {
                    free++;
                }
                slotUntil[free] = g.scans[g.scans.length - 1];
                for (int j : g.scans) {
                    table[j] = g.table;
                    slot[j] = free;
                }
                define[i] = true;
            }
        }
    }

    /** Most tables in use at one scan if groups {@code a} and {@code b} were merged. */
    private static int tablesInUse(List<TableGroup> groups, TableGroup a, TableGroup b, int scans) {
        int most = 0;
        for (int i = 0; i < scans; i++) {
            int inUse = 0;
            for (TableGroup g : groups) {
                int first = g == b ? Math.min(a.scans[0], b.scans[0]) : g.scans[0];
                int last = g == b ? Math.max(a.last(), b.last()) : g.last();
                if (g != a && first <= i && i <= last) {
                    inUse++;
                }
            }
            most = Math.max(most, inUse);
        }
        return most;
    }

    /** AC scans (indexes into a script, ascending) coded with one optimal table, and their bytes. */
    private static final class TableGroup {
        final int id;
        final int[] scans;
        final long[] freq;
        final HuffmanTable table;
        /** DHT bytes plus each scan's coded bytes. */
        final long cost;

        TableGroup(int id, int[] scans, Counter[] counts) {
            this.id = id;
            this.scans = scans;
            freq = new long[256];
            for (int i : scans) {
                for (int s = 0; s < 256; s++) {
                    freq[s] += counts[i].ac[0][s];
                }
            }
            table = HuffmanTable.optimal(freq);
            long c = 21 + table.values.length;
            for (int i : scans) {
                c += (codedBits(counts[i].ac[0], table) + counts[i].extra + 7) / 8;
            }
            cost = c;
        }

        int last() {
            return scans[scans.length - 1];
        }

        TableGroup merge(TableGroup o, int mergedId, Counter[] counts) {
            int[] both = IntStream.concat(Arrays.stream(scans), Arrays.stream(o.scans)).sorted().toArray();
            return new TableGroup(mergedId, both, counts);
        }
    }

    /** Symbol counts of each scan, counted in parallel, one scan per thread. */
    private Counter[] count(List<Scan> scans) {
        Counter[] c = new Counter[scans.size()];
        IntStream.range(0, c.length).parallel().forEach(i -> {
            c[i] = new Counter(f.components.length);
            code(scans.get(i), c[i]);
        });
        return c;
    }

    private void code(Scan s, Sink sink) {
        if (s.ss == 0) {
            if (s.ah == 0) {
                codeDcFirst(s.components, s.al, sink);
            } else {
                codeDcRefine(s.components, s.al, sink);
            }
        } else if (s.ah == 0) {
            codeAcFirst(s.components[0], s.ss, s.se, s.al, sink);
        } else {
            codeAcRefine(s.components[0], s.ss, s.se, s.al, sink);
        }
    }

    /** Chooses the scan script (see the class comment) by sizing every candidate scan. */
    private List<Scan> searchScript() {
        int nc = f.components.length;
        List<int[]> dcUnits = dcUnits();
        Map<Long, Long> size = candidateSizes(dcUnits);
        // DC: the cheapest partition of the components into DC scans, each unit of it with the Al
        // that minimizes its first scan plus Al refinement scans (all of the same size)
        int[] dcAl = new int[dcUnits.size()];
        long[] dcCost = new long[dcUnits.size()];
        for (int u = 0; u < dcAl.length; u++) {
            int[] comps = dcUnits.get(u);
            long refine = size.get(new Scan(comps, 0, 0, 1, 0).key());
            dcCost[u] = Long.MAX_VALUE;
            for (int al = 0; al <= MAX_DC_AL; al++) {
                long cost = size.get(new Scan(comps, 0, 0, 0, al).key()) + al * refine;
                if (cost < dcCost[u]) {
                    dcCost[u] = cost;
                    dcAl[u] = al;
                }
            }
        }
        int[] dc = null;
        long best = Long.MAX_VALUE;
        for (int[] partition : dcPartitions()) {
            long cost = 0;
            for (int u : partition) {
                cost += dcCost[u];
            }
            if (cost < best) {
                best = cost;
                dc = partition;
            }
        }
        int topPlane = 0;
        for (int u : dc) {
            topPlane = Math.max(topPlane, dcAl[u]);
        }
        List<List<Scan>> firsts = new ArrayList<>();
        List<List<List<Scan>>> refines = new ArrayList<>();
        for (int ci = 0; ci < nc; ci++) {
            List<Scan> first = new ArrayList<>();
            List<List<Scan>> refine = new ArrayList<>();
            chooseAc(ci, size, first, refine);
            firsts.add(first);
            refines.add(refine);
            topPlane = Math.max(topPlane, refine.size());
        }
        List<Scan> script = new ArrayList<>();
        for (int u : dc) {
            script.add(new Scan(dcUnits.get(u), 0, 0, 0, dcAl[u]));
        }
        List<Scan> luma = firsts.get(0);
        script.add(luma.get(0));
        for (int ci = 1; ci < nc; ci++) {
            script.addAll(firsts.get(ci));
        }
        script.addAll(luma.subList(1, luma.size()));
        for (int plane = topPlane - 1; plane >= 0; plane--) {
            for (int u : dc) {
                if (plane < dcAl[u]) {
                    script.add(new Scan(dcUnits.get(u), 0, 0, plane + 1, plane));
                }
            }
            for (int ci = 0; ci < nc; ci++) {
                if (plane < refines.get(ci).size()) {
                    script.addAll(refines.get(ci).get(plane));
                }
            }
        }
        return script;
    }

    /**
     * Bytes of every candidate scan, by scan key: for each DC unit (components of one DC scan)
     * its first scans at Al = 0..{@value #MAX_DC_AL} and its refinement scan; for each component
     * and band of {@link #bands()} the first scans at Al = 0..{@value #MAX_AC_AL} and the
     * refinements of planes 0..{@value #MAX_AC_AL} - 1. One pass over the blocks per task, the
     * tasks in parallel.
     */
    private Map<Long, Long> candidateSizes(List<int[]> dcUnits) {
        int units = dcUnits.size();
        List<List<Scan>> scans = candidateScans(dcUnits);
        long[][] sizes = new long[scans.size()][];
        IntStream.range(0, sizes.length).parallel().forEach(t -> {
            if (t < units) {
                sizes[t] = dcSizes(dcUnits.get(t));
            } else {
                Scan first = scans.get(t).get(0);
                sizes[t] = acBandSizes(first.components[0], first.ah > 0, first.al);
            }
        });
        Map<Long, Long> size = new HashMap<>();
        for (int t = 0; t < sizes.length; t++) {
            for (int i = 0; i < sizes[t].length; i++) {
                size.put(scans.get(t).get(i).key(), sizes[t][i]);
            }
        }
        return size;
    }

    /**
     * The candidate scans in groups sized by one task: per DC unit its first scans and a
     * refinement; per component and Ah, Al all bands.
     */
    private List<List<Scan>> candidateScans(List<int[]> dcUnits) {
        List<List<Scan>> scans = new ArrayList<>();
        for (int[] u : dcUnits) {
            List<Scan> l = new ArrayList<>();
            for (int al = 0; al <= MAX_DC_AL; al++) {
                l.add(new Scan(u, 0, 0, 0, al));
            }
            l.add(new Scan(u, 0, 0, 1, 0));
            scans.add(l);
        }
        int[][] bands = bands();
        for (int ci = 0; ci < f.components.length; ci++) {
            for (int j = 0; j < 2 * MAX_AC_AL + 1; j++) {
                int ah = j <= MAX_AC_AL ? 0 : j - MAX_AC_AL, al = ah == 0 ? j : ah - 1;
                List<Scan> l = new ArrayList<>();
                for (int[] b : bands) {
                    l.add(new Scan(new int[] {ci}, b[0], b[1], ah, al));
                }
                scans.add(l);
            }
        }
        return scans;
    }

    /**
     * DC units, the component sets of DC scans tried: all components in one scan; for colour also
     * each component on its own, and Cb with Cr (one table for both).
     */
    private List<int[]> dcUnits() {
        List<int[]> units = new ArrayList<>();
        units.add(allComponents());
        if (f.components.length > 1) {
            units.addAll(List.of(new int[] {0}, new int[] {1}, new int[] {2}, new int[] {1, 2}));
        }
        return units;
    }

    /** The partitions of the components into DC scans tried, as indexes into {@link #dcUnits()}. */
    private int[][] dcPartitions() {
        return f.components.length == 1 ? new int[][] {{0}} : new int[][] {{0}, {1, 2, 3}, {1, 4}};
    }

    /**
     * For tests of the one-pass sizing: each candidate scan of the search with {its size as the
     * search computes it, the size {@link #scanBytes} gives after coding it}.
     */
    Map<Scan, long[]> candidateSizesBothWays() {
        prepareProgressive();
        List<int[]> units = dcUnits();
        Map<Long, Long> sizes = candidateSizes(units);
        List<Scan> scans = candidateScans(units).stream().flatMap(List::stream).toList();
        Counter[] coded = count(scans);
        Map<Scan, long[]> both = new java.util.LinkedHashMap<>();
        for (int i = 0; i < coded.length; i++) {
            both.put(scans.get(i), new long[] {sizes.get(scans.get(i).key()), scanBytes(scans.get(i), coded[i])});
        }
        return both;
    }

    private void prepareProgressive() {
        nonzero = new long[f.components.length][];
        for (int ci = 0; ci < nonzero.length; ci++) {
            nonzero[ci] = nonzeroMasks(f.components[ci]);
        }
    }

    /** Bytes of the first DC scans of components {@code comps} at Al = 0..{@value #MAX_DC_AL}, then of a refinement. */
    private long[] dcSizes(int[] comps) {
        Counter[] c = new Counter[MAX_DC_AL + 1];
        for (int al = 0; al <= MAX_DC_AL; al++) {
            c[al] = new Counter(f.components.length);
        }
        int[][] pred = new int[MAX_DC_AL + 1][f.components.length];
        long[] blocks = new long[1];
        forEachBlock(comps, 0, scanRows(comps), (ci, comp, off) -> {
            blocks[0]++;
            for (int al = 0; al <= MAX_DC_AL; al++) {
                int v = comp.coef[off] >> al, diff = v - pred[al][ci];
                int nb = 32 - Integer.numberOfLeadingZeros(diff < 0 ? -diff : diff);
                c[al].dc[ci][nb]++;
                c[al].extra += nb;
                pred[al][ci] = v;
            }
        });
        long[] size = new long[MAX_DC_AL + 2];
        for (int al = 0; al <= MAX_DC_AL; al++) {
            size[al] = scanBytes(new Scan(comps, 0, 0, 0, al), c[al]);
        }
        size[MAX_DC_AL + 1] = 8 + 2 * comps.length + (blocks[0] + 7) / 8;
        return size;
    }

    /**
     * Bytes of the AC scans of component {@code ci} over each band of {@link #bands()}: first
     * scans with point transform {@code al}, or ({@code refine}) refinements of bit plane
     * {@code al}. One pass over the blocks codes band 1–63 (histograms of its symbols per zig-zag
     * index); a band 1–s has the symbols of the coefficients up to s, a band s+1–63 those after s
     * except that its first symbol in a block counts its run from s + 1. End-of-band runs are
     * followed per band. Gives the sizes {@link #scanBytes} gives for the coded scans.
     */
    private long[] acBandSizes(int ci, boolean refine, int al) {
        Component c = f.components[ci];
        long[] nz = nonzero[ci];
        short[] coef = c.coef;
        int[] zz = ZigZag.NATURAL;
        int ns = SPLITS.length, nb = 1 + 2 * ns;
        long all = bandMask(1, 63);
        long[] low = new long[ns], high = new long[ns];
        for (int i = 0; i < ns; i++) {
            low[i] = bandMask(1, SPLITS[i]);
            high[i] = bandMask(SPLITS[i] + 1, 63);
        }
        int[] hist = new int[64 * 256];
        long[] zrlAt = new long[64], extraAt = new long[64], extra = new long[nb];
        int[][] delta = new int[ns][256];
        long[] zrlDelta = new long[ns];
        int[] sizeAt = new int[64];
        EobRuns eob = new EobRuns(nb);
        for (int by = 0; by < c.realBlocksHigh; by++) {
            for (int bx = 0; bx < c.realBlocksWide; bx++) {
                int b = by * c.blocksWide + bx;
                long now = nz[4 * b + al] & all;
                long sym = refine ? now & ~nz[4 * b + al + 1] : now;
                if (refine && now != 0) {
                    extra[0] += Long.bitCount(now);
                    for (int i = 0; i < ns; i++) {
                        extra[1 + 2 * i] += Long.bitCount(now & low[i]);
                        extra[2 + 2 * i] += Long.bitCount(now & high[i]);
                    }
                }
                if (sym == 0) {
                    eob.empty++;
                    continue;
                }
                int off = 64 * b, prev = 0;
                for (long m = sym; m != 0; m &= m - 1) {
                    int k = Long.numberOfTrailingZeros(m);
                    int run, size;
                    if (refine) {
                        run = Long.bitCount(~now & between(prev, k));
                        size = 1;
                    } else {
                        run = k - prev - 1;
                        int v = coef[off + zz[k]];
                        size = 32 - Integer.numberOfLeadingZeros((v < 0 ? -v : v) >> al);
                        extraAt[k] += size;
                    }
                    sizeAt[k] = size;
                    hist[(k << 8) | ((run & 15) << 4) | size]++;
                    zrlAt[k] += run >> 4;
                    prev = k;
                }
                eob.addEmpty();
                eob.block(0, true, prev < 63);
                for (int i = 0; i < ns; i++) {
                    int s = SPLITS[i];
                    long l = sym & low[i], h = sym & high[i];
                    eob.block(1 + 2 * i, l != 0, l == 0 || 63 - Long.numberOfLeadingZeros(l) < s);
                    eob.block(2 + 2 * i, h != 0, h == 0 || prev < 63);
                    if (h == 0) {
                        continue;
                    }
                    int k = Long.numberOfTrailingZeros(h), p = l == 0 ? 0 : 63 - Long.numberOfLeadingZeros(l);
                    if (p == s) {
                        continue;
                    }
                    int was = refine ? Long.bitCount(~now & between(p, k)) : k - p - 1;
                    int is = refine ? Long.bitCount(~now & between(s, k)) : k - s - 1;
                    delta[i][((was & 15) << 4) | sizeAt[k]]--;
                    delta[i][((is & 15) << 4) | sizeAt[k]]++;
                    zrlDelta[i] += (is >> 4) - (was >> 4);
                }
            }
        }
        eob.finish();
        long[][] freq = new long[nb][256];
        long[] running = new long[256];
        long zrl = 0, bits = 0;
        int next = 0;
        for (int k = 1; k < 64; k++) {
            for (int v = 0; v < 256; v++) {
                running[v] += hist[(k << 8) | v];
            }
            zrl += zrlAt[k];
            bits += extraAt[k];
            if (next < ns && k == SPLITS[next]) {
                freq[1 + 2 * next] = running.clone();
                freq[1 + 2 * next][0xF0] += zrl;
                extra[1 + 2 * next] += bits;
                next++;
            }
        }
        freq[0] = running;
        freq[0][0xF0] += zrl;
        extra[0] += bits;
        for (int i = 0; i < ns; i++) {
            long[] h = freq[2 + 2 * i], l = freq[1 + 2 * i];
            for (int v = 0; v < 256; v++) {
                h[v] = freq[0][v] - l[v] + delta[i][v];
            }
            h[0xF0] += zrlDelta[i];
            if (!refine) {
                extra[2 + 2 * i] = extra[0] - extra[1 + 2 * i];
            }
        }
        long[] size = new long[nb];
        for (int i = 0; i < nb; i++) {
            for (int r = 0; r < 15; r++) {
                freq[i][r << 4] += eob.count[16 * i + r];
            }
            HuffmanTable t = HuffmanTable.optimal(freq[i]);
            size[i] = 10 + 21 + t.values.length + (codedBits(freq[i], t) + extra[i] + eob.bits[i] + 7) / 8;
        }
        return size;
    }

    /** Bits strictly between zig-zag indexes p &lt; k. */
    private static long between(int p, int k) {
        return ((1L << k) - 1) & -(1L << (p + 1));
    }

    /**
     * End-of-band runs of several bands coded side by side, as the coder forms them: a run grows
     * by each block that ends in zeros (or has no symbol), is sent before the next symbol and
     * when it reaches {@value #MAX_EOBRUN}. Counts the EOBn symbols and their extra bits per band.
     */
    private static final class EobRuns {
        final int[] run;
        /** Per band 16 counters: EOBn symbols by n. */
        final long[] count;
        final long[] bits;
        /** Blocks without a symbol in any band since the last {@link #addEmpty()}. */
        int empty;

        EobRuns(int bands) {
            run = new int[bands];
            count = new long[16 * bands];
            bits = new long[bands];
        }

        /** Adds the pending blocks without a symbol to every band's run. */
        void addEmpty() {
            if (empty == 0) {
                return;
            }
            for (int band = 0; band < run.length; band++) {
                int total = run[band] + empty;
                if (total >= MAX_EOBRUN) {
                    int full = total / MAX_EOBRUN;
                    count[16 * band + 14] += full;
                    bits[band] += 14L * full;
                    total -= full * MAX_EOBRUN;
                }
                run[band] = total;
            }
            empty = 0;
        }

        /** One block of a band: whether it has symbols there, whether it ends there in zeros. */
        void block(int band, boolean symbols, boolean endsInZeros) {
            if (symbols && run[band] > 0) {
                send(band, run[band]);
                run[band] = 0;
            }
            if (endsInZeros && ++run[band] == MAX_EOBRUN) {
                send(band, MAX_EOBRUN);
                run[band] = 0;
            }
        }

        void finish() {
            addEmpty();
            for (int band = 0; band < run.length; band++) {
                if (run[band] > 0) {
                    send(band, run[band]);
                    run[band] = 0;
                }
            }
        }

        private void send(int band, int n) {
            int nb = 31 - Integer.numberOfLeadingZeros(n);
            count[16 * band + nb]++;
            bits[band] += nb;
        }
    }

    /** The AC bands sized: 1–63 and, per split point s, 1–s and s+1–63. */
    private static int[][] bands() {
        int[][] b = new int[1 + 2 * SPLITS.length][];
        b[0] = new int[] {1, 63};
        for (int i = 0; i < SPLITS.length; i++) {
            b[1 + 2 * i] = new int[] {1, SPLITS[i]};
            b[2 + 2 * i] = new int[] {SPLITS[i] + 1, 63};
        }
        return b;
    }

    /**
     * The cheapest AC scans of component {@code ci}: fills {@code first} with its first scans (low
     * band first) and {@code refine.get(p)} with the refinement scans of bit plane p (Ah = p + 1,
     * Al = p). The costs of the scans are independent of each other, so the total is their sum.
     */
    private static void chooseAc(int ci, Map<Long, Long> size, List<Scan> first, List<List<Scan>> refine) {
        int[] comp = {ci};
        long best = Long.MAX_VALUE;
        int bestSplit = 63, bestLo = 0, bestHi = 0;
        boolean[] bestJoint = null;
        for (int al = 0; al <= MAX_AC_AL; al++) {
            long cost = size.get(new Scan(comp, 1, 63, 0, al).key());
            for (int p = 0; p < al; p++) {
                cost += size.get(new Scan(comp, 1, 63, p + 1, p).key());
            }
            if (cost < best) {
                best = cost;
                bestSplit = 63;
                bestLo = al;
                bestHi = al;
                bestJoint = null;
            }
        }
        for (int s : SPLITS) {
            for (int lo = 0; lo <= MAX_AC_AL; lo++) {
                for (int hi = 0; hi <= MAX_AC_AL; hi++) {
                    long cost = size.get(new Scan(comp, 1, s, 0, lo).key())
                            + size.get(new Scan(comp, s + 1, 63, 0, hi).key());
                    boolean[] joint = new boolean[Math.max(lo, hi)];
                    for (int p = 0; p < joint.length; p++) {
                        long apart = (p < lo ? size.get(new Scan(comp, 1, s, p + 1, p).key()) : 0)
                                + (p < hi ? size.get(new Scan(comp, s + 1, 63, p + 1, p).key()) : 0);
                        long together = p < Math.min(lo, hi) ? size.get(new Scan(comp, 1, 63, p + 1, p).key())
                                : Long.MAX_VALUE;
                        joint[p] = together <= apart;
                        cost += Math.min(apart, together);
                    }
                    if (cost < best) {
                        best = cost;
                        bestSplit = s;
                        bestLo = lo;
                        bestHi = hi;
                        bestJoint = joint;
                    }
                }
            }
        }
        if (bestSplit == 63) {
            first.add(new Scan(comp, 1, 63, 0, bestLo));
            for (int p = 0; p < bestLo; p++) {
                refine.add(List.of(new Scan(comp, 1, 63, p + 1, p)));
            }
            return;
        }
        first.add(new Scan(comp, 1, bestSplit, 0, bestLo));
        first.add(new Scan(comp, bestSplit + 1, 63, 0, bestHi));
        for (int p = 0; p < bestJoint.length; p++) {
            List<Scan> r = new ArrayList<>();
            if (bestJoint[p]) {
                r.add(new Scan(comp, 1, 63, p + 1, p));
            } else {
                if (p < bestLo) {
                    r.add(new Scan(comp, 1, bestSplit, p + 1, p));
                }
                if (p < bestHi) {
                    r.add(new Scan(comp, bestSplit + 1, 63, p + 1, p));
                }
            }
            refine.add(r);
        }
    }

    /** Bytes that scan {@code s} with symbol counts {@code c} adds to the file: DHT, SOS, coded data. */
    private long scanBytes(Scan s, Counter c) {
        long header = 2 + 6 + 2 * s.components.length;
        if (s.ss == 0 && s.ah > 0) {
            return header + (c.extra + 7) / 8;
        }
        if (s.ss == 0) {
            int[] slots = new int[f.components.length];
            HuffmanTable[] t = dcTables(s.components, c, slots);
            long bits = c.extra;
            boolean apart = false;
            for (int ci : s.components) {
                bits += codedBits(c.dc[ci], t[ci]);
                apart |= slots[ci] > 0;
            }
            header += 21 + t[s.components[0]].values.length;
            if (apart) {
                header += 21 + t[s.components[s.components.length - 1]].values.length;
            }
            return header + (bits + 7) / 8;
        }
        HuffmanTable t = HuffmanTable.optimal(c.ac[0]);
        return header + 21 + t.values.length + (c.extra + codedBits(c.ac[0], t) + 7) / 8;
    }

    private static long codedBits(long[] freq, HuffmanTable t) {
        long bits = 0;
        for (int s = 0; s < 256; s++) {
            bits += freq[s] * t.size[s];
        }
        return bits;
    }

    /**
     * Optimal DC tables of a first DC scan of components {@code comps} with counts {@code c}:
     * luma and chroma apart (destinations 0 and 1) or one table for all (destination 0), whichever
     * codes in fewer bytes. Returns the table per component index and fills in its destination.
     */
    private static HuffmanTable[] dcTables(int[] comps, Counter c, int[] slots) {
        long[] sum = new long[256], luma = new long[256], chroma = new long[256];
        for (int ci : comps) {
            long[] part = ci == 0 ? luma : chroma;
            for (int s = 0; s < 256; s++) {
                part[s] += c.dc[ci][s];
                sum[s] += c.dc[ci][s];
            }
        }
        HuffmanTable shared = HuffmanTable.optimal(sum), y = null, ch = null;
        boolean apart = false;
        if (comps.length > 1 && comps[0] == 0) {
            y = HuffmanTable.optimal(luma);
            ch = HuffmanTable.optimal(chroma);
            long sharedBits = codedBits(sum, shared) + 8L * shared.values.length;
            long apartBits = codedBits(luma, y) + codedBits(chroma, ch) + 8L * (21 + y.values.length + ch.values.length);
            apart = apartBits < sharedBits;
        }
        HuffmanTable[] t = new HuffmanTable[slots.length];
        for (int ci : comps) {
            t[ci] = !apart ? shared : ci == 0 ? y : ch;
            slots[ci] = apart && ci > 0 ? 1 : 0;
        }
        return t;
    }

    /**
     * Checks that {@code script} is a complete progression of this frame (T.81 G.1.1.1.1): DC
     * scans of one or more components in frame order, AC scans of one, each coefficient first sent
     * with Ah = 0 and then refined one bit at a time down to Al = 0, a component's DC before any of
     * its AC. The coder supports Al ≤ 3 in AC scans and Al ≤ 13 in DC scans.
     */
    private static void checkScript(List<Scan> script, int nc) {
        int[][] known = new int[nc][64];
        for (int[] k : known) {
            Arrays.fill(k, -1);
        }
        for (Scan s : script) {
            int[] comps = s.components;
            boolean dc = s.ss == 0;
            boolean ok = dc ? s.se == 0 && comps.length >= 1 && s.al <= 13
                    : s.ss <= s.se && s.se <= 63 && comps.length == 1 && s.al <= MAX_AC_AL;
            for (int j = 0; ok && j < comps.length; j++) {
                ok = comps[j] >= (j == 0 ? 0 : comps[j - 1] + 1) && comps[j] < nc;
            }
            if (!ok || s.ah < 0 || s.al < 0) {
                throw new IllegalArgumentException("bad band, components or Al in scan " + s);
            }
            for (int ci : comps) {
                if (!dc && known[ci][0] < 0) {
                    throw new IllegalArgumentException("AC before DC in scan " + s);
                }
                for (int k = s.ss; k <= s.se; k++) {
                    if (s.ah == 0 ? known[ci][k] >= 0 : known[ci][k] != s.ah || s.al != s.ah - 1) {
                        throw new IllegalArgumentException("bad successive approximation in scan " + s);
                    }
                    known[ci][k] = s.al;
                }
            }
        }
        for (int[] k : known) {
            for (int v : k) {
                if (v != 0) {
                    throw new IllegalArgumentException("script leaves coefficients incomplete");
                }
            }
        }
    }

    /** {@link #nonzero} masks of one component's real blocks. */
    private static long[] nonzeroMasks(Component c) {
        long[] nz = new long[4 * c.blocksWide * c.blocksHigh];
        short[] coef = c.coef;
        int[] zz = ZigZag.NATURAL;
        IntStream.range(0, c.realBlocksHigh).parallel().forEach(by -> {
            for (int bx = 0; bx < c.realBlocksWide; bx++) {
                int b = by * c.blocksWide + bx, off = 64 * b;
                long m0 = 0, m1 = 0, m2 = 0, m3 = 0;
                for (int k = 1; k < 64; k++) {
                    int v = coef[off + zz[k]];
                    if (v != 0) {
                        int a = v < 0 ? -v : v;
                        long bit = 1L << k;
                        m0 |= bit;
                        m1 |= bit & ((1 - a) >> 31);
                        m2 |= bit & ((3 - a) >> 31);
                        m3 |= bit & ((7 - a) >> 31);
                    }
                }
                nz[4 * b] = m0;
                nz[4 * b + 1] = m1;
                nz[4 * b + 2] = m2;
                nz[4 * b + 3] = m3;
            }
        });
        return nz;
    }

    /** Bits ss..se. */
    private static long bandMask(int ss, int se) {
        return (se == 63 ? -1L : (1L << (se + 1)) - 1) & -(1L << ss);
    }

    /**
     * First DC scan (G.1.2.1): differences of the DC coefficients point transformed by an
     * arithmetic shift right by {@code al}; DC table per component index.
     */
    private void codeDcFirst(int[] comps, int al, Sink s) {
        int[] pred = new int[f.components.length];
        forEachBlock(comps, 0, scanRows(comps), (ci, c, off) -> {
            int v = c.coef[off] >> al;
            codeDcDiff(s, ci, v - pred[ci]);
            pred[ci] = v;
        });
    }

    /** DC refinement scan (G.1.2.1): bit {@code al} of every DC coefficient, uncoded. */
    private void codeDcRefine(int[] comps, int al, Sink s) {
        forEachBlock(comps, 0, scanRows(comps), (ci, c, off) -> s.bits((c.coef[off] >> al) & 1, 1));
    }

    /**
     * First AC scan of band [ss, se] of one component (G.1.2.2): magnitudes shifted right by
     * {@code al} (with the sign applied after the shift), run/size symbols, ZRL and end-of-band runs.
     */
    private void codeAcFirst(int ci, int ss, int se, int al, Sink s) {
        Component c = f.components[ci];
        long[] nz = nonzero[ci];
        long band = bandMask(ss, se);
        short[] coef = c.coef;
        int[] zz = ZigZag.NATURAL;
        int eobrun = 0;
        for (int by = 0; by < c.realBlocksHigh; by++) {
            for (int bx = 0; bx < c.realBlocksWide; bx++) {
                int b = by * c.blocksWide + bx;
                long m = nz[4 * b + al] & band;
                if (m != 0) {
                    if (eobrun > 0) {
                        emitEobRun(s, eobrun);
                        eobrun = 0;
                    }
                    int off = 64 * b, prev = ss - 1;
                    do {
                        int k = Long.numberOfTrailingZeros(m);
                        m &= m - 1;
                        int run = k - prev - 1;
                        prev = k;
                        while (run > 15) {
                            s.ac(0, 0xF0);
                            run -= 16;
                        }
                        int v = coef[off + zz[k]];
                        int a = (v < 0 ? -v : v) >> al;
                        int nb = 32 - Integer.numberOfLeadingZeros(a);
                        s.ac(0, (run << 4) | nb);
                        s.bits(v < 0 ? ~a : a, nb);
                    } while (m != 0);
                    if (prev == se) {
                        continue;
                    }
                }
                if (++eobrun == MAX_EOBRUN) {
                    emitEobRun(s, eobrun);
                    eobrun = 0;
                }
            }
        }
        if (eobrun > 0) {
            emitEobRun(s, eobrun);
        }
    }

    /**
     * AC refinement scan of band [ss, se] of one component, bit plane {@code al} (G.1.2.3).
     * Coefficients already nonzero at plane al + 1 get one correction bit each, sent after the next
     * symbol (ZRL or newly nonzero coefficient), or with the end-of-band run that covers them.
     * Newly nonzero ones (magnitude 1 at this plane) are run/1 symbols and a sign bit (1 = positive);
     * runs count only coefficients still zero. ZRL is sent only where a newly nonzero coefficient
     * follows in the block; otherwise the zeros belong to the end-of-band run.
     */
    private void codeAcRefine(int ci, int ss, int se, int al, Sink s) {
        Component c = f.components[ci];
        long[] nz = nonzero[ci];
        long band = bandMask(ss, se);
        short[] coef = c.coef;
        int[] zz = ZigZag.NATURAL;
        int eobrun = 0;
        for (int by = 0; by < c.realBlocksHigh; by++) {
            for (int bx = 0; bx < c.realBlocksWide; bx++) {
                int b = by * c.blocksWide + bx, off = 64 * b;
                long now = nz[4 * b + al] & band, old = nz[4 * b + al + 1] & band, fresh = now & ~old;
                long corr = 0;
                int ncorr = 0;
                boolean endOfBand = true;
                if (fresh == 0) {
                    for (long m = old; m != 0; m &= m - 1) {
                        int v = coef[off + zz[Long.numberOfTrailingZeros(m)]];
                        corr = (corr << 1) | (((v < 0 ? -v : v) >> al) & 1);
                        ncorr++;
                    }
                } else {
                    int eob = 63 - Long.numberOfLeadingZeros(fresh);
                    int run = 0, prev = ss - 1;
                    for (long m = now; m != 0; m &= m - 1) {
                        int k = Long.numberOfTrailingZeros(m);
                        run += k - prev - 1;
                        prev = k;
                        int v = coef[off + zz[k]];
                        if (run > 15 && k <= eob) {
                            if (eobrun > 0) {
                                emitEobRun(s, eobrun);
                                s.releaseDeferred();
                                eobrun = 0;
                            }
                            do {
                                s.ac(0, 0xF0);
                                run -= 16;
                                s.bitsLong(corr, ncorr);
                                corr = 0;
                                ncorr = 0;
                            } while (run > 15);
                        }
                        if ((old & (1L << k)) != 0) {
                            corr = (corr << 1) | (((v < 0 ? -v : v) >> al) & 1);
                            ncorr++;
                            continue;
                        }
                        if (eobrun > 0) {
                            emitEobRun(s, eobrun);
                            s.releaseDeferred();
                            eobrun = 0;
                        }
                        s.ac(0, (run << 4) | 1);
                        s.bits(v < 0 ? 0 : 1, 1);
                        s.bitsLong(corr, ncorr);
                        corr = 0;
                        ncorr = 0;
                        run = 0;
                    }
                    endOfBand = run + se - prev > 0 || ncorr > 0;
                }
                if (endOfBand) {
                    s.defer(corr, ncorr);
                    if (++eobrun == MAX_EOBRUN) {
                        emitEobRun(s, eobrun);
                        s.releaseDeferred();
                        eobrun = 0;
                    }
                }
            }
        }
        if (eobrun > 0) {
            emitEobRun(s, eobrun);
            s.releaseDeferred();
        }
    }

    /** EOBn symbol (n = ⌊log2 run⌋) and the low n bits of the run, AC table 0 (G.1.2.2). */
    private static void emitEobRun(Sink s, int eobrun) {
        int nb = 31 - Integer.numberOfLeadingZeros(eobrun);
        s.ac(0, nb << 4);
        if (nb > 0) {
            s.bits(eobrun, nb);
        }
    }

    /** Receives the symbols and extra bits of a scan. */
    private abstract static class Sink {
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
    }

    /** Counts symbol frequencies for optimal tables, and extra bits. */
    private static final class Counter extends Sink {
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
    private static final class Writer extends Sink {
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
