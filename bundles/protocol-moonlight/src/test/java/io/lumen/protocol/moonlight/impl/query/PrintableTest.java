package io.lumen.protocol.moonlight.impl.query;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PrintableTest {

    @Test
    void terminalEscapesAndControlCharactersAreReplaced() {
        assertEquals("?evil?", Printable.of("\u001b[2Jevil\u001b[0m"));
        assertEquals("a?b", Printable.of("a\u001b]0;title\u0007b"), "a window-title escape, ended by BEL");
        assertEquals("a?b", Printable.of("a\u001b]8;;http://x\u001b\\b"), "a hyperlink escape, ended by ST");
        assertEquals("line??FAKE: paired", Printable.of("line\r\nFAKE: paired"), "no forged log lines");
        assertEquals("x?y?z?", Printable.of("x\u009b31my\u202ez\u007f"), "C1, bidi override, DEL");
        assertEquals("Steam Deck (Ünï) 🎮", Printable.of("Steam Deck (Ünï) 🎮"), "printable text stays as it is");
        assertEquals("", Printable.of(null));
    }

    @Test
    void longNamesAreCut() {
        String cut = Printable.of("n".repeat(1000));
        assertEquals(Printable.MAX_LENGTH + 1, cut.length());
        assertEquals('…', cut.charAt(Printable.MAX_LENGTH));
    }
}
