package dev.sieve.adversarial.eval;

import dev.sieve.image.defense.DefenseParams;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command-line list of attack or defense specs. Items are separated by commas, and a
 * comma-separated piece of the form {@code key=value} (keys may hold {@code -}) continues the previous item's parameters,
 * so {@code none,jpeg:q=75,deflect:k=100,w=10+wavelet} is three items. {@code +} chains pipeline
 * stages like {@code |} (which needs shell quoting); {@code ;} always separates items.
 */
public final class SpecList {
    private SpecList() {
    }

    public static List<String> split(String text) {
        List<String> items = new ArrayList<>();
        for (String group : text.split(";")) {
            StringBuilder current = null;
            for (String piece : group.split(",", -1)) {
                String p = piece.strip();
                boolean continues = current != null && p.matches("[A-Za-z_][A-Za-z0-9_-]*=.*");
                if (continues) {
                    current.append(',').append(p);
                } else {
                    if (current != null) {
                        items.add(current.toString());
                    }
                    if (p.isEmpty()) {
                        throw new IllegalArgumentException("empty item in list " + DefenseParams.quote(text));
                    }
                    current = new StringBuilder(p);
                }
            }
            if (current != null) {
                items.add(current.toString());
            }
        }
        List<String> out = new ArrayList<>();
        for (String s : items) {
            out.add(s.replace('+', '|'));
        }
        return out;
    }
}
