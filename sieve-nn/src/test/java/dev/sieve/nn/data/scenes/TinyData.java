package dev.sieve.nn.data.scenes;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Small cut-outs and backgrounds written by the tests themselves (no Tux Paint needed). */
final class TinyData {
    private TinyData() {
    }

    /** An RGBA PNG: a filled shape of colour {@code rgb} on a clear background. */
    static void cutout(Path file, int w, int h, int rgb, String shape) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double dx = (x + 0.5) / w - 0.5, dy = (y + 0.5) / h - 0.5;
                boolean in = switch (shape) {
                    case "disc" -> dx * dx + dy * dy < 0.2;
                    case "bar" -> Math.abs(dy) < 0.2;
                    default -> Math.abs(dx) < 0.4 && Math.abs(dy) < 0.4;
                };
                img.setRGB(x, y, in ? 0xFF000000 | rgb : 0);
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
    }

    /**
     * Objects tree {@code root/CLASS/...}: ball (discs, some in a sub-folder), box (squares), stick
     * (bars), five cut-outs each; plus an opaque PNG, a tiny one, a broken one and an SVG.
     */
    static Path objects(Path root) throws IOException {
        for (int i = 0; i < 5; i++) {
            cutout(root.resolve(i < 2 ? "ball/small/b" + i + ".png" : "ball/b" + i + ".png"), 40 + 4 * i, 40, 0xD02020 + i, "disc");
            cutout(root.resolve("box/x" + i + ".png"), 36, 30 + 3 * i, 0x2040D0 + i, "square");
            cutout(root.resolve("stick/s" + i + ".png"), 50, 30, 0x20A020 + i, "bar");
        }
        BufferedImage opaque = new BufferedImage(30, 30, BufferedImage.TYPE_INT_RGB);
        ImageIO.write(opaque, "png", root.resolve("box/opaque.png").toFile());
        cutout(root.resolve("box/tiny.png"), 12, 12, 0x101010, "disc");
        Files.writeString(root.resolve("stick/broken.png"), "not a png");
        Files.writeString(root.resolve("stick/vector.svg"), "<svg/>");
        return root;
    }

    /** {@code n} gradient backgrounds of {@code w × h} in {@code dir}. */
    static Path backgrounds(Path dir, int n, int w, int h) throws IOException {
        Files.createDirectories(dir);
        for (int k = 0; k < n; k++) {
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    img.setRGB(x, y, ((x * 255 / w) << 16) | ((y * 255 / h) << 8) | (40 * k + 30));
                }
            }
            ImageIO.write(img, "png", dir.resolve("bg" + k + ".png").toFile());
        }
        return dir;
    }
}
