package io.lumen.session.impl.command;

import java.util.ArrayList;
import java.util.List;

/** Left-aligned text columns for the shell, sized to their widest cell. */
final class Table {

    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    Table(String... header) {
        this.columns = header.length;
        rows.add(header);
    }

    Table row(Object... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + columns);
        }
        String[] text = new String[columns];
        for (int i = 0; i < columns; i++) {
            text[i] = String.valueOf(cells[i]);
        }
        rows.add(text);
        return this;
    }

    boolean isEmpty() {
        return rows.size() == 1;
    }

    @Override
    public String toString() {
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                out.append(row[i]);
                if (i < columns - 1) {
                    out.append(" ".repeat(widths[i] - row[i].length() + 2));
                }
            }
            out.setLength(out.length() - trailingSpaces(out));
            out.append('\n');
        }
        return out.toString();
    }

    private static int trailingSpaces(CharSequence text) {
        int n = 0;
        while (n < text.length() && text.charAt(text.length() - 1 - n) == ' ') {
            n++;
        }
        return n;
    }
}
