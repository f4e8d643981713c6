package dev.sieve.serve;

import dev.sieve.image.Planar;
import dev.sieve.image.Resample;
import dev.sieve.image.io.ImageFiles;
import dev.sieve.image.io.SamplePhotos;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test photos: the built-in Kodak kodim07 resized, as PNG bytes and as the planes a server decodes from them. */
final class TestPhotos {
    private TestPhotos() {
    }

    /** kodim07 resized to {@code w × h}, as PNG bytes. */
    static byte[] kodim07Png(int w, int h) {
        return UploadedImages.png(Resample.resize(SamplePhotos.kodim07(), w, h));
    }

    /** {@code png} decoded as the server decodes uploads. */
    static Planar decode(byte[] png, Path dir) {
        try {
            Path f = Files.createTempFile(dir, "photo-", ".png");
            Files.write(f, png);
            return ImageFiles.read(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
