package dev.sieve.image.io;

import java.io.IOException;

/** An image file that cannot be used, with a one-line message naming the file and the problem. */
public class ImageFormatException extends IOException {
    public ImageFormatException(String message) {
        super(message);
    }

    public ImageFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
