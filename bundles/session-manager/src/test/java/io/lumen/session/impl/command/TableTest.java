package io.lumen.session.impl.command;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class TableTest {

    private static final String REASON = "unavailable: no D-Bus session bus: neither lumen.dbus.session nor "
            + "DBUS_SESSION_BUS_ADDRESS is set, and XDG_RUNTIME_DIR has no bus socket";

    @Test
    void columnsAlignToTheWidestCellWithoutTrailingSpace() {
        String text = new Table("ID", "STATE").row("s1", "streaming").row("s10", "-").toString();
        assertEquals("ID   STATE\ns1   streaming\ns10  -\n", text);
    }

    @Test
    void aRowOfTheWrongWidthIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Table("A", "B").row("only one"));
    }

    private static Table backends() {
        return new Table("ROLE", "ID", "PROBE", "BUNDLE")
                .row("capture", "mutter", REASON, "io.lumen.capture.mutter")
                .row("encoder", "java-h264", "available", "io.lumen.encode.java");
    }

    @Test
    void aTableThatFitsIsLeftAsItIs() {
        Table table = backends();
        assertEquals(table.toString(), table.fit(1000, false, 2));
        assertEquals(table.toString(), table.fit(1000, true, 2));
    }

    @Test
    void theFlexibleColumnIsCutShortSoEveryLineFitsAndTheOthersStayWhole() {
        String text = backends().fit(80, false, 2);
        List<String> lines = text.lines().toList();
        assertEquals(3, lines.size(), "one line a row: " + text);
        for (String line : lines) {
            assertTrue(line.length() <= 80, line.length() + " columns: " + line);
        }
        assertTrue(lines.get(1).startsWith("capture  mutter     unavailable: no D-Bus"), text);
        assertTrue(lines.get(1).contains("~  io.lumen.capture.mutter"), "cut short, the bundle whole: " + text);
        assertTrue(lines.get(2).contains("available") && lines.get(2).endsWith("io.lumen.encode.java"), text);
    }

    @Test
    void wrappedTheFlexibleColumnLosesNothing() {
        String text = backends().fit(80, true, 2);
        List<String> lines = text.lines().toList();
        assertTrue(lines.size() > 3, "the reason takes several lines: " + text);
        int column = lines.get(0).indexOf("PROBE");
        StringBuilder reason = new StringBuilder();
        for (String line : lines.subList(1, lines.size() - 1)) {
            assertTrue(line.length() <= 80, line.length() + " columns: " + line);
            String cell = line.substring(column, Math.min(line.length(), column + 37)).strip();
            reason.append(reason.isEmpty() ? "" : " ").append(cell);
        }
        assertEquals(REASON, reason.toString());
        assertTrue(lines.get(1).endsWith("io.lumen.capture.mutter"), "the other cells on the row's first line: " + text);
        assertTrue(lines.get(2).startsWith(" ".repeat(column)), "continuation lines are blank elsewhere: " + text);
    }

    @Test
    void aNarrowTerminalStillLeavesEachFlexibleColumnItsMinimum() {
        String text = backends().fit(20, false, 2, 3);
        String row = text.lines().toList().get(1);
        assertTrue(row.contains(REASON.substring(0, Table.MIN_FLEXIBLE - 1) + "~"), text);
    }

    @Test
    void wrappingBreaksAtSpacesAndMidWordOnlyWhenAWordIsTooLong() {
        assertEquals(List.of("no D-Bus", "session", "bus"), Table.wrap("no D-Bus session bus", 8));
        assertEquals(List.of("abcdef", "ghij"), Table.wrap("abcdefghij", 6));
    }
}
