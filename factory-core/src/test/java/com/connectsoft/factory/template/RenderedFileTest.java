package com.connectsoft.factory.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.connectsoft.factory.template.domain.RenderedFile;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Line counts of rendered files: as many as the text has lines, whatever characters and bytes it holds. */
class RenderedFileTest {
    @Test
    void linesAreNewlinesPlusAnUnterminatedLastLine() {
        assertEquals(0, lines(""));
        assertEquals(1, lines("a"));
        assertEquals(1, lines("a\n"));
        assertEquals(2, lines("a\nb"));
        assertEquals(2, lines("a\r\nb\r\n"));
        assertEquals(3, lines("\n\n\n"));
        assertEquals(2, lines("Grüße — 日本語\n😀"), "multi-byte characters hold no newline byte");
    }

    @Test
    void anyBytesCountAsTheirUtf8TextCounts() {
        Random random = new Random(14);
        for (byte[] bytes : List.of(new byte[] {(byte) 0xE2, '\n', (byte) 0x82}, new byte[] {'\n', (byte) 0xF0, (byte) 0x9F})) {
            assertEquals(textLines(bytes), new RenderedFile("x", bytes).lines());
        }
        for (int i = 0; i < 500; i++) {
            byte[] bytes = new byte[random.nextInt(40)];
            random.nextBytes(bytes);
            for (int j = 0; j < bytes.length; j++) {
                if (random.nextInt(5) == 0) {
                    bytes[j] = '\n';
                }
            }
            assertEquals(textLines(bytes), new RenderedFile("x", bytes).lines(), java.util.Arrays.toString(bytes));
        }
    }

    private static long lines(String text) {
        return new RenderedFile("x", text.getBytes(StandardCharsets.UTF_8)).lines();
    }

    /** The count on the decoded text (malformed bytes become replacement characters). */
    private static long textLines(byte[] bytes) {
        String s = new String(bytes, StandardCharsets.UTF_8);
        return s.isEmpty() ? 0 : s.chars().filter(c -> c == '\n').count() + (s.endsWith("\n") ? 0 : 1);
    }
}
