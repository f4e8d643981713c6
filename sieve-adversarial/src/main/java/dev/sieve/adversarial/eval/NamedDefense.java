package dev.sieve.adversarial.eval;

import dev.sieve.image.Planar;
import dev.sieve.image.defense.Defense;
import dev.sieve.image.defense.DefenseRegistry;
import java.io.IOException;

/**
 * A defense of an evaluation: {@code none} (the undefended model) or a pipeline parsed by a
 * {@link DefenseRegistry}, labelled with the text the user gave.
 */
public record NamedDefense(String label, Defense defense) {
    /** The identity: the image as it is. */
    public static final Defense IDENTITY = new Defense() {
        @Override
        public Planar apply(Planar img, long seed) {
            return img;
        }

        @Override
        public boolean randomized() {
            return false;
        }

        @Override
        public String spec() {
            return "none";
        }
    };

    public static NamedDefense parse(String text, DefenseRegistry registry) throws IOException {
        String t = text.strip();
        if (t.equalsIgnoreCase("none")) {
            return new NamedDefense("none", IDENTITY);
        }
        return new NamedDefense(t, registry.parse(t));
    }

    public boolean isNone() {
        return defense == IDENTITY;
    }
}
