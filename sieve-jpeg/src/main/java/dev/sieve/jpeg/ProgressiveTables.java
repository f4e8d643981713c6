package dev.sieve.jpeg;

import dev.sieve.jpeg.ScanSink.Counter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The optimal Huffman tables (T.81 K.2) of progressive scans from their symbol counts: the DC
 * tables of a first DC scan, and AC tables shared between scans with alike statistics, each
 * defined (DHT, B.2.4.2) right before the first scan that uses it.
 */
final class ProgressiveTables {
    private ProgressiveTables() {
    }

    /**
     * Optimal DC tables of a first DC scan of components {@code comps} with counts {@code c}:
     * luma and chroma apart (destinations 0 and 1) or one table for all (destination 0), whichever
     * codes in fewer bytes. Returns the table per component index and fills in its destination.
     */
    static HuffmanTable[] dcTables(int[] comps, Counter c, int[] slots) {
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
     * The AC tables of a script: scans with alike statistics share one table, defined (DHT) before
     * the first of them. Starting from each scan's own optimal table, greedily merges the two
     * groups of scans whose shared optimal table saves the most bytes (a DHT less, against the
     * longer codes), while at most 4 tables (the AC destinations) are in use at once. Fills, per
     * AC scan i, its table, its destination and whether its DHT goes before it.
     */
    static void shareAcTables(List<Scan> script, Counter[] counts, HuffmanTable[] table, int[] slot,
            boolean[] define) {
        List<TableGroup> groups = new ArrayList<>();
        for (int i = 0; i < script.size(); i++) {
            if (script.get(i).ss() > 0) {
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

    /** Bits of the Huffman codes of symbols with frequencies {@code freq} in table {@code t}. */
    static long codedBits(long[] freq, HuffmanTable t) {
        long bits = 0;
        for (int s = 0; s < 256; s++) {
            bits += freq[s] * t.size[s];
        }
        return bits;
    }
}
