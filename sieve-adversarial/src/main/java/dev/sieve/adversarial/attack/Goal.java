package dev.sieve.adversarial.attack;

/**
 * What an attack is after, per image: any class but {@code labels[i]} (untargeted) or exactly
 * {@code targets[i]} (targeted; thesis §3.3, §4.2).
 */
public record Goal(int[] labels, int[] targets) {
    public Goal {
        labels = labels.clone();
        if (targets != null) {
            if (targets.length != labels.length) {
                throw new IllegalArgumentException(labels.length + " labels but " + targets.length + " targets");
            }
            targets = targets.clone();
        }
    }

    public static Goal untargeted(int[] labels) {
        return new Goal(labels, null);
    }

    public static Goal targeted(int[] labels, int[] targets) {
        return new Goal(labels, targets);
    }

    public boolean isTargeted() {
        return targets != null;
    }

    public int size() {
        return labels.length;
    }

    /** True when predicting {@code predicted} for image {@code i} means the attack succeeded. */
    public boolean reached(int i, int predicted) {
        return isTargeted() ? predicted == targets[i] : predicted != labels[i];
    }

    /** The goal of the images at {@code indices}, in that order. */
    public Goal select(int[] indices) {
        int[] l = new int[indices.length];
        int[] t = isTargeted() ? new int[indices.length] : null;
        for (int k = 0; k < indices.length; k++) {
            l[k] = labels[indices[k]];
            if (t != null) {
                t[k] = targets[indices[k]];
            }
        }
        return new Goal(l, t);
    }
}
