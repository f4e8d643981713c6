package dev.sieve.jpeg;

import java.util.Arrays;
import java.util.List;

/**
 * One scan of a progressive script (T.81 G.1.1.1): component indexes (for DC one or more in frame
 * order, interleaved if more than one; for AC one), spectral band [ss, se] in zig-zag order,
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

    /**
     * Checks that {@code script} is a complete progression of a frame of {@code nc} components
     * (T.81 G.1.1.1.1): DC scans of one or more components in frame order, AC scans of one, each
     * coefficient first sent with Ah = 0 and then refined one bit at a time down to Al = 0, a
     * component's DC before any of its AC. The coder supports Al ≤ {@value ScanCoder#MAX_AC_AL} in
     * AC scans and Al ≤ 13 in DC scans.
     */
    static void checkScript(List<Scan> script, int nc) {
        int[][] known = new int[nc][64];
        for (int[] k : known) {
            Arrays.fill(k, -1);
        }
        for (Scan s : script) {
            int[] comps = s.components;
            boolean dc = s.ss == 0;
            boolean ok = dc ? s.se == 0 && comps.length >= 1 && s.al <= 13
                    : s.ss <= s.se && s.se <= 63 && comps.length == 1 && s.al <= ScanCoder.MAX_AC_AL;
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
}
