package dev.sieve.image.io;

import dev.sieve.image.defense.DefenseParams;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** File names typed by a user (options, spec values) turned into paths. */
public final class UserPaths {
    private UserPaths() {
    }

    /**
     * {@code text} as a path; a name the file system cannot hold (a NUL character, for one) or one with a
     * control character (a line break, a tab: legal on Linux, but never a name a user means to type) fails
     * with an {@link IllegalArgumentException} of one line that shows the name quoted ({@link DefenseParams#quote}).
     */
    public static Path of(String text) {
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("not a usable file name: " + DefenseParams.quote(text) + " (it has a control character)");
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a usable file name: " + DefenseParams.quote(text) + " (" + e.getReason() + ")", e);
        }
    }
}
