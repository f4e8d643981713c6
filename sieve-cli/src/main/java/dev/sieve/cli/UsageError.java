package dev.sieve.cli;

import java.io.IOException;

/**
 * A wrong option value or combination found while a command runs: reported like picocli's own
 * usage errors, one line pointing to {@code --help}, exit code 2 (input and data errors exit 1).
 */
final class UsageError extends IllegalArgumentException {
    UsageError(String message) {
        super(message);
    }

    /** Something built from option values only (a spec parser, an options record). */
    @FunctionalInterface
    interface FromOptions<T> {
        T build() throws IOException;
    }

    /** Builds {@code f}, reporting its {@link IllegalArgumentException} as a usage error. */
    static <T> T fromOptions(FromOptions<T> f) throws IOException {
        try {
            return f.build();
        } catch (UsageError e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
    }
}
