package dev.sieve.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How Sieve's JSON reports write metric values that JSON numbers cannot hold: {@code +∞} (a PSNR of
 * identical images) and {@code −∞} become the strings {@code "Infinity"} and {@code "-Infinity"},
 * which JavaScript's {@code Number()} and Python's {@code float()} read back; {@code NaN} (a metric
 * undefined for the input) becomes {@code null}.
 */
final class JsonValues {
    private JsonValues() {
    }

    /** Puts {@code v} under {@code key} following the rules above. */
    static void put(ObjectNode o, String key, double v) {
        if (Double.isNaN(v)) {
            o.putNull(key);
        } else if (Double.isInfinite(v)) {
            o.put(key, v > 0 ? "Infinity" : "-Infinity");
        } else {
            o.put(key, v);
        }
    }
}
