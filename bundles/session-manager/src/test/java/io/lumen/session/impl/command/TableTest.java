package io.lumen.session.impl.command;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class TableTest {

    @Test
    void columnsAlignToTheWidestCellWithoutTrailingSpace() {
        String text = new Table("ID", "STATE").row("s1", "streaming").row("s10", "-").toString();
        assertEquals("ID   STATE\ns1   streaming\ns10  -\n", text);
    }

    @Test
    void aRowOfTheWrongWidthIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Table("A", "B").row("only one"));
    }
}
