package dev.sieve.serve;

/**
 * A request the service answers with an error: the HTTP status and a one-line message, sent as
 * {@code {"error": "..."}}; {@code retryAfterSeconds > 0} adds a {@code Retry-After} header.
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final int retryAfterSeconds;

    public ApiError(int status, String message) {
        this(status, message, 0);
    }

    public ApiError(int status, String message, int retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
