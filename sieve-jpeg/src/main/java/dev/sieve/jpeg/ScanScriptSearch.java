package dev.sieve.jpeg;

import static dev.sieve.jpeg.ProgressiveTables.codedBits;
import static dev.sieve.jpeg.ProgressiveTables.dcTables;
import static dev.sieve.jpeg.ScanCoder.MAX_AC_AL;
import static dev.sieve.jpeg.ScanCoder.MAX_EOBRUN;
import static dev.sieve.jpeg.ScanCoder.bandMask;

import dev.sieve.jpeg.JpegEncoder.Component;
import dev.sieve.jpeg.JpegEncoder.Frame;
import dev.sieve.jpeg.ScanSink.Counter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The search of a progressive scan script (spectral selection and successive approximation, T.81
 * G.1.1.1) for the smallest file. Every candidate scan is sized exactly (its symbols counted, the
 * optimal Huffman table of the counts built, code lengths plus extra bits plus the DHT and SOS
 * bytes; without coding bits) and the cheapest combination is kept, each choice below on its own
 * since the sizes of the scans add up:
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
 * plane down (DC, luma, chroma). Candidate scans are sized in parallel. Cost: a few passes over
 * the blocks' nonzero masks (one per component and Al, for all bands at once), about as much
 * again as a baseline encode for the classic tune.
 */
final class ScanScriptSearch {
    /** Split points (last zig-zag index of the low band) tried for the AC bands. */
    private static final int[] SPLITS = {1, 2, 3, 5, 8, 12};
    /** Largest point transform tried for the first DC scan. */
    private static final int MAX_DC_AL = 2;

    private final ScanCoder coder;
    private final Frame f;

    /** A search over the frame of {@code coder}, a progressive coder. */
    ScanScriptSearch(ScanCoder coder) {
        this.coder = coder;
        this.f = coder.frame();
    }

    /** Chooses the scan script (see the class comment) by sizing every candidate scan. */
    List<Scan> search() {
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
     * and band of {@link #bands()} the first scans at Al = 0..{@value ScanCoder#MAX_AC_AL} and
     * the refinements of planes 0..{@value ScanCoder#MAX_AC_AL} - 1. One pass over the blocks per
     * task, the tasks in parallel.
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
                sizes[t] = acBandSizes(first.components()[0], first.ah() > 0, first.al());
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
        units.add(coder.allComponents());
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
        List<int[]> units = dcUnits();
        Map<Long, Long> sizes = candidateSizes(units);
        List<Scan> scans = candidateScans(units).stream().flatMap(List::stream).toList();
        Counter[] coded = coder.count(scans);
        Map<Scan, long[]> both = new java.util.LinkedHashMap<>();
        for (int i = 0; i < coded.length; i++) {
            both.put(scans.get(i), new long[] {sizes.get(scans.get(i).key()), scanBytes(scans.get(i), coded[i])});
        }
        return both;
    }

    /** Bytes of the first DC scans of components {@code comps} at Al = 0..{@value #MAX_DC_AL}, then of a refinement. */
    private long[] dcSizes(int[] comps) {
        Counter[] c = new Counter[MAX_DC_AL + 1];
        for (int al = 0; al <= MAX_DC_AL; al++) {
            c[al] = new Counter(f.components.length);
        }
        int[][] pred = new int[MAX_DC_AL + 1][f.components.length];
        long[] blocks = new long[1];
        coder.forEachBlock(comps, 0, coder.scanRows(comps), (ci, comp, off) -> {
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
        long[] nz = coder.nonzero(ci);
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
     * when it reaches {@value ScanCoder#MAX_EOBRUN}. Counts the EOBn symbols and their extra bits
     * per band.
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
        long header = 2 + 6 + 2 * s.components().length;
        if (s.ss() == 0 && s.ah() > 0) {
            return header + (c.extra + 7) / 8;
        }
        if (s.ss() == 0) {
            int[] slots = new int[f.components.length];
            HuffmanTable[] t = dcTables(s.components(), c, slots);
            long bits = c.extra;
            boolean apart = false;
            for (int ci : s.components()) {
                bits += codedBits(c.dc[ci], t[ci]);
                apart |= slots[ci] > 0;
            }
            header += 21 + t[s.components()[0]].values.length;
            if (apart) {
                header += 21 + t[s.components()[s.components().length - 1]].values.length;
            }
            return header + (bits + 7) / 8;
        }
        HuffmanTable t = HuffmanTable.optimal(c.ac[0]);
        return header + 21 + t.values.length + (c.extra + codedBits(c.ac[0], t) + 7) / 8;
    }
}
