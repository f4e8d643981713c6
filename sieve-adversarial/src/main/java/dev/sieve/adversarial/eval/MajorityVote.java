package dev.sieve.adversarial.eval;

/**
 * The Ens-N prediction of thesis §4.10: the class predicted most often over N stochastic runs of
 * the defense; ties go to the tied class predicted first.
 */
public final class MajorityVote {
    private MajorityVote() {
    }

    /** {@code runs[r][i]}: prediction of run {@code r} for image {@code i}. */
    public static int[] of(int[][] runs, int classes) {
        int n = runs[0].length;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int[] votes = new int[classes];
            int most = 0;
            for (int[] run : runs) {
                most = Math.max(most, ++votes[run[i]]);
            }
            for (int[] run : runs) {
                if (votes[run[i]] == most) {
                    out[i] = run[i];
                    break;
                }
            }
        }
        return out;
    }
}
