package dev.sieve.nn.data.scenes;

/** An axis-aligned box in pixels: top-left corner and size (empty when width or height is 0). */
public record Box(int x, int y, int width, int height) {
}
