package io.lumen.session.impl.command;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class ShellWidthTest {

    @Test
    void aWidthIsANumberOrTheDigitsOfOneWithinSaneBounds() {
        assertEquals(132, ShellWidth.parse(132));
        assertEquals(90, ShellWidth.parse(" 90 "));
        assertEquals(40, ShellWidth.parse(3), "a tiny terminal still gets a readable table");
        assertEquals(1000, ShellWidth.parse("999999"));
    }

    @Test
    void nothingUsableFallsThrough() {
        assertNull(ShellWidth.parse(null));
        assertNull(ShellWidth.parse(0), "a terminal of size 0 (not known)");
        assertNull(ShellWidth.parse("wide"));
        assertNull(ShellWidth.parse("-5"));
        assertEquals(ShellWidth.DEFAULT, ShellWidth.of(null));
    }
}
