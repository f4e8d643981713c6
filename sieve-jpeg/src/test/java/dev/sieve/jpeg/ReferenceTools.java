package dev.sieve.jpeg;

import dev.sieve.image.Planar;
import dev.sieve.jpeg.eval.ExternalEncoder;
import java.io.IOException;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.ImageReader;
import javax.imageio.ImageIO;
import java.util.Iterator;
import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** libjpeg-turbo's cjpeg/djpeg (Debian libjpeg-turbo-progs) as independent references, and PNM I/O. */
public final class ReferenceTools {
    private ReferenceTools() {
    }

    /** Decodes a JPEG file with {@code djpeg}. */
    public static Planar djpeg(byte[] jpeg) throws IOException, InterruptedException {
        Path f = Files.createTempFile("sieve-djpeg", ".jpg");
        try {
            Files.write(f, jpeg);
            return readPnm(run(List.of("djpeg", "-pnm", f.toString())));
        } finally {
            Files.deleteIfExists(f);
        }
    }

    /**
     * Decodes a JPEG file with {@code djpeg} and fails if djpeg reports anything on stderr (libjpeg
     * prints its warnings there, e.g. corrupt data or a bogus progression, and still decodes).
     */
    public static Planar djpegWithoutWarnings(byte[] jpeg) throws IOException, InterruptedException {
        return readPnm(runWithoutWarnings(jpeg, "djpeg", "-pnm"));
    }

    /**
     * Transcodes a JPEG file with {@code jpegtran} and the given options (e.g. {@code -copy none
     * -optimize}: the same coefficients as an optimized baseline file); fails on any warning.
     */
    public static byte[] jpegtranWithoutWarnings(byte[] jpeg, String... options) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("jpegtran"));
        cmd.addAll(List.of(options));
        return runWithoutWarnings(jpeg, cmd.toArray(new String[0]));
    }

    /** Runs {@code command} on a temporary copy of {@code jpeg}; its stdout, or an exception if it wrote to stderr. */
    private static byte[] runWithoutWarnings(byte[] jpeg, String... command) throws IOException, InterruptedException {
        Path f = Files.createTempFile("sieve-ref", ".jpg");
        Path err = Files.createTempFile("sieve-ref", ".err");
        try {
            Files.write(f, jpeg);
            List<String> cmd = new ArrayList<>(List.of(command));
            cmd.add(f.toString());
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readAllBytes();
            }
            int rc = p.waitFor();
            String warnings = Files.readString(err, StandardCharsets.UTF_8);
            if (rc != 0 || !warnings.isEmpty()) {
                throw new IOException(String.join(" ", cmd) + " exited with " + rc + ": " + warnings);
            }
            return out;
        } finally {
            Files.deleteIfExists(f);
            Files.deleteIfExists(err);
        }
    }

    /** Encodes with {@code cjpeg -quality q -sample ...} (and {@code -optimize} when asked). */
    static byte[] cjpeg(Planar img, int quality, Subsampling s, boolean optimize) throws IOException, InterruptedException {
        Path f = Files.createTempFile("sieve-cjpeg", img.channels() == 1 ? ".pgm" : ".ppm");
        try {
            Files.write(f, ExternalEncoder.toPnm(img));
            List<String> cmd = new ArrayList<>(List.of("cjpeg", "-quality", Integer.toString(quality),
                    "-sample", s == Subsampling.S420 ? "2x2" : "1x1"));
            if (optimize) {
                cmd.add("-optimize");
            }
            cmd.add(f.toString());
            return run(cmd);
        } finally {
            Files.deleteIfExists(f);
        }
    }

    static byte[] run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        int rc = p.waitFor();
        if (rc != 0) {
            throw new IOException(String.join(" ", cmd) + " exited with " + rc);
        }
        return out;
    }

    static Planar readPnm(byte[] b) throws IOException {
        int[] pos = {0};
        String magic = token(b, pos);
        int w = Integer.parseInt(token(b, pos)), h = Integer.parseInt(token(b, pos));
        int max = Integer.parseInt(token(b, pos));
        pos[0]++;
        if (max != 255) {
            throw new IOException("unexpected PNM maxval " + max);
        }
        int c = magic.equals("P5") ? 1 : 3;
        float[][] planes = new float[c][w * h];
        for (int i = 0; i < w * h; i++) {
            for (int k = 0; k < c; k++) {
                planes[k][i] = b[pos[0] + i * c + k] & 0xFF;
            }
        }
        return new Planar(w, h, planes);
    }

    private static String token(byte[] b, int[] pos) {
        while (Character.isWhitespace(b[pos[0]])) {
            pos[0]++;
        }
        int s = pos[0];
        while (!Character.isWhitespace(b[pos[0]])) {
            pos[0]++;
        }
        return new String(b, s, pos[0] - s, StandardCharsets.US_ASCII);
    }

    /** Decodes with the named ImageIO reader implementation (JDK's or TwelveMonkeys'). */
    public static BufferedImage decodeWith(byte[] jpeg, String readerClassPrefix) throws Exception {
        Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName("jpeg");
        while (it.hasNext()) {
            ImageReader r = it.next();
            if (r.getClass().getName().startsWith(readerClassPrefix)) {
                try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
                    r.setInput(in);
                    return r.read(0);
                } finally {
                    r.dispose();
                }
            }
        }
        throw new AssertionError("no ImageIO reader " + readerClassPrefix);
    }
}
