package dev.sieve.nn.tfjs;

import java.io.IOException;

/** A TF.js model that cannot be read or run: a malformed file, a missing weight shard, or an op Sieve does not implement. */
public final class TfjsModelException extends IOException {
    public TfjsModelException(String message) {
        super(message);
    }
}
