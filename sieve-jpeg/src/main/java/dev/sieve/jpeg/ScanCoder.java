package dev.sieve.jpeg;

import dev.sieve.jpeg.JpegEncoder.Component;
import dev.sieve.jpeg.JpegEncoder.Frame;
import dev.sieve.jpeg.ScanSink.Counter;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Codes the scans of a quantized frame into the symbols and extra bits of a {@link ScanSink}: the
 * baseline scan (T.81 F.1.2) and the four kinds of progressive scan, first and refinement scans of
 * DC and of AC (G.1.2).
 */
final class ScanCoder {
    /** Largest point transform of AC scans: the {@link #nonzero} masks go to Al = 3. */
    static final int MAX_AC_AL = 3;
    /** Longest end-of-band run (T.81 Table G.1: EOB14 with 14 extra bits). */
    static final int MAX_EOBRUN = 0x7FFF;

    private final Frame f;
    /**
     * Progressive only: per component, per block, 4 masks of the AC coefficients (bit k for
     * zig-zag index k) whose magnitude shifted right by 0, 1, 2, 3 is nonzero.
     */
    private final long[][] nonzero;

    /** A coder of the baseline scan of {@code f}. */
    ScanCoder(Frame f) {
        this(f, null);
    }

    private ScanCoder(Frame f, long[][] nonzero) {
        this.f = f;
        this.nonzero = nonzero;
    }

    /** A coder of progressive scans of {@code f}, with the {@link #nonzero} masks of its blocks. */
    static ScanCoder progressive(Frame f) {
        long[][] nonzero = new long[f.components.length][];
        for (int ci = 0; ci < nonzero.length; ci++) {
            nonzero[ci] = nonzeroMasks(f.components[ci]);
        }
        return new ScanCoder(f, nonzero);
    }

    Frame frame() {
        return f;
    }

    /** The {@link #nonzero} masks of component {@code ci}. */
    long[] nonzero(int ci) {
        return nonzero[ci];
    }

    /** Chunks of MCU rows the baseline scan is coded in, in parallel. */
    int chunks() {
        return Math.min(mcuRows(), 4 * Runtime.getRuntime().availableProcessors());
    }

    /** Rows of MCUs of the baseline scan (block rows for a single component). */
    private int mcuRows() {
        return scanRows(allComponents());
    }

    /** First MCU row of chunk {@code i} of {@code chunks}. */
    int chunkStart(int i, int chunks) {
        return (int) ((long) mcuRows() * i / chunks);
    }

    /**
     * Baseline scan of MCU rows [from, to): DC difference and AC coefficients of every block.
     * DC predictors start from the last block before {@code from}, so chunks coded separately
     * concatenate to the sequential scan.
     */
    void codeBaseline(ScanSink s, int from, int to) {
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
    private static boolean codeBaselineAc(ScanSink s, Component c, int off) {
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

    private static void codeDcDiff(ScanSink s, int table, int diff) {
        int a = diff < 0 ? -diff : diff;
        int nb = 32 - Integer.numberOfLeadingZeros(a);
        s.dc(table, nb);
        if (nb > 0) {
            s.bits(diff < 0 ? diff - 1 : diff, nb);
        }
    }

    /** Visits one block: component index, component, offset of its coefficients. */
    @FunctionalInterface
    interface BlockVisitor {
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

    int[] allComponents() {
        return IntStream.range(0, f.components.length).toArray();
    }

    /**
     * Visits the blocks of a scan of components {@code comps} (indexes in frame order) in scan
     * order: for one component its real blocks in raster order (A.2.2), block rows [from, to);
     * for several the blocks of MCU rows [from, to), MCU by MCU (A.2.3).
     */
    void forEachBlock(int[] comps, int from, int to, BlockVisitor v) {
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
    int scanRows(int[] comps) {
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

    /** Symbol counts of each scan, counted in parallel, one scan per thread. */
    Counter[] count(List<Scan> scans) {
        Counter[] c = new Counter[scans.size()];
        IntStream.range(0, c.length).parallel().forEach(i -> {
            c[i] = new Counter(f.components.length);
            code(scans.get(i), c[i]);
        });
        return c;
    }

    /** Codes progressive scan {@code s} into {@code sink}. */
    void code(Scan s, ScanSink sink) {
        if (s.ss() == 0) {
            if (s.ah() == 0) {
                codeDcFirst(s.components(), s.al(), sink);
            } else {
                codeDcRefine(s.components(), s.al(), sink);
            }
        } else if (s.ah() == 0) {
            codeAcFirst(s.components()[0], s.ss(), s.se(), s.al(), sink);
        } else {
            codeAcRefine(s.components()[0], s.ss(), s.se(), s.al(), sink);
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
    static long bandMask(int ss, int se) {
        return (se == 63 ? -1L : (1L << (se + 1)) - 1) & -(1L << ss);
    }

    /**
     * First DC scan (G.1.2.1): differences of the DC coefficients point transformed by an
     * arithmetic shift right by {@code al}; DC table per component index.
     */
    private void codeDcFirst(int[] comps, int al, ScanSink s) {
        int[] pred = new int[f.components.length];
        forEachBlock(comps, 0, scanRows(comps), (ci, c, off) -> {
            int v = c.coef[off] >> al;
            codeDcDiff(s, ci, v - pred[ci]);
            pred[ci] = v;
        });
    }

    /** DC refinement scan (G.1.2.1): bit {@code al} of every DC coefficient, uncoded. */
    private void codeDcRefine(int[] comps, int al, ScanSink s) {
        forEachBlock(comps, 0, scanRows(comps), (ci, c, off) -> s.bits((c.coef[off] >> al) & 1, 1));
    }

    /**
     * First AC scan of band [ss, se] of one component (G.1.2.2): magnitudes shifted right by
     * {@code al} (with the sign applied after the shift), run/size symbols, ZRL and end-of-band runs.
     */
    private void codeAcFirst(int ci, int ss, int se, int al, ScanSink s) {
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
    private void codeAcRefine(int ci, int ss, int se, int al, ScanSink s) {
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
    private static void emitEobRun(ScanSink s, int eobrun) {
        int nb = 31 - Integer.numberOfLeadingZeros(eobrun);
        s.ac(0, nb << 4);
        if (nb > 0) {
            s.bits(eobrun, nb);
        }
    }
}
