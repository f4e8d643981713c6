package dev.sieve.adversarial.eval;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sieve.adversarial.attack.Budget;
import dev.sieve.adversarial.defense.Defenses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of the text users type (the input bytes as UTF-8): attack specs, budgets and defense pipeline specs
 * are parsed or refused with an {@link IllegalArgumentException} (an {@link IOException} when a
 * spec names a file that cannot be read) whose message is one line of at most 400 characters;
 * anything else is a finding. Seeds: {@code SpecParsersFuzzTestInputs/}.
 */
class SpecParsersFuzzTest {
    @FuzzTest(maxDuration = "15s")
    void specsParseOrFailWithOneShortLine(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        check(() -> AttackSpec.parse(text));
        check(() -> Budget.parse(text));
        check(() -> Defenses.registry().parse(text));
    }

    private interface Parse {
        Object run() throws IOException;
    }

    private static void check(Parse p) {
        try {
            p.run();
        } catch (IllegalArgumentException | IOException refused) {
            String m = String.valueOf(refused.getMessage());
            if (m.contains("\n") || m.length() > 400) {
                throw new AssertionError("message of " + m.length() + " characters or several lines: " + m.substring(0, Math.min(200, m.length())));
            }
        }
    }
}
