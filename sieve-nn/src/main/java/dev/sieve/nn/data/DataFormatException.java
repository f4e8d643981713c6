package dev.sieve.nn.data;

import java.io.IOException;
import java.nio.file.Path;

/** A data set file that is not in the format it claims; the message names the file and the offset. */
public final class DataFormatException extends IOException {
    public DataFormatException(Path file, long offset, String problem) {
        super(file + ": at byte offset " + offset + ": " + problem);
    }

    public DataFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }
}
