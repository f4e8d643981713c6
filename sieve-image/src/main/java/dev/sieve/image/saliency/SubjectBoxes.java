package dev.sieve.image.saliency;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hand-drawn subject boxes of a photo set: a CSV with the header
 * {@code name,source,halvings,split,x0,y0,x1,y1,subject}, one row per box, coordinates as fractions
 * of the photo's width and height (x0 &lt; x1, y0 &lt; y1, all in [0, 1]); {@code name} is the photo's
 * file name without extension, {@code split} {@code validation} or {@code test}. The other columns
 * describe how the photo was made ({@code scripts/saliency-photos}).
 */
public final class SubjectBoxes {
    private static final List<String> HEADER = List.of("name", "source", "halvings", "split", "x0", "y0", "x1", "y1", "subject");

    /** One box, fractions of the photo's size. */
    public record Box(double x0, double y0, double x1, double y1, String subject) {
    }

    /** A photo's boxes and split. */
    public record Photo(String name, String split, List<Box> boxes) {
        /** Subject mask of a {@code width × height} photo: 1 inside any box (pixel centres), else 0. */
        public int[] mask(int width, int height) {
            int[] m = new int[width * height];
            for (Box b : boxes) {
                for (int y = 0; y < height; y++) {
                    double cy = (y + 0.5) / height;
                    if (cy < b.y0() || cy > b.y1()) {
                        continue;
                    }
                    for (int x = 0; x < width; x++) {
                        double cx = (x + 0.5) / width;
                        if (cx >= b.x0() && cx <= b.x1()) {
                            m[y * width + x] = 1;
                        }
                    }
                }
            }
            return m;
        }
    }

    private SubjectBoxes() {
    }

    /** Reads a boxes file; photos in file order. Throws IllegalArgumentException naming the line of a bad row. */
    public static List<Photo> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !Arrays.asList(lines.get(0).trim().split(",")).equals(HEADER)) {
            throw new IllegalArgumentException(file + ": the first line must be the header " + String.join(",", HEADER));
        }
        Map<String, String> splits = new LinkedHashMap<>();
        Map<String, List<Box>> boxes = new LinkedHashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",", HEADER.size());
            try {
                if (f.length != HEADER.size()) {
                    throw new IllegalArgumentException("needs " + HEADER.size() + " fields, got " + f.length);
                }
                double x0 = Double.parseDouble(f[4]), y0 = Double.parseDouble(f[5]), x1 = Double.parseDouble(f[6]), y1 = Double.parseDouble(f[7]);
                if (!(0 <= x0 && x0 < x1 && x1 <= 1 && 0 <= y0 && y0 < y1 && y1 <= 1)) {
                    throw new IllegalArgumentException("box must satisfy 0 <= x0 < x1 <= 1 and 0 <= y0 < y1 <= 1");
                }
                if (!f[3].equals("validation") && !f[3].equals("test")) {
                    throw new IllegalArgumentException("split must be validation or test, got '" + f[3] + "'");
                }
                String prev = splits.putIfAbsent(f[0], f[3]);
                if (prev != null && !prev.equals(f[3])) {
                    throw new IllegalArgumentException("photo " + f[0] + " is in two splits");
                }
                boxes.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new Box(x0, y0, x1, y1, f[8]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": bad number: " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + e.getMessage());
            }
        }
        List<Photo> photos = new ArrayList<>();
        boxes.forEach((name, b) -> photos.add(new Photo(name, splits.get(name), List.copyOf(b))));
        return photos;
    }
}
