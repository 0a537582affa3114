package io.lumen.session.impl.command;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Left-aligned text columns for the shell, sized to their widest cell, or fitted to a terminal's width: the columns
 * named flexible (long free text such as a probe's reason) give up room, cut short with "~" or wrapped over several
 * lines, and the others (ids, numbers) stay whole.
 */
final class Table {

    /** A flexible column keeps at least this many characters, however narrow the terminal. */
    static final int MIN_FLEXIBLE = 12;
    private static final int GAP = 2;

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
            text[i] = String.valueOf(cells[i]).replace('\n', ' ');
        }
        rows.add(text);
        return this;
    }

    boolean isEmpty() {
        return rows.size() == 1;
    }

    @Override
    public String toString() {
        return render(naturalWidths(), false);
    }

    /**
     * The table in at most {@code width} characters a line, as far as the {@code flexible} columns can give: their
     * cells are cut short with "~", or with {@code wrap} broken over lines at spaces so nothing is lost.
     */
    String fit(int width, boolean wrap, int... flexible) {
        int[] widths = naturalWidths();
        int total = Arrays.stream(widths).sum() + GAP * (columns - 1);
        if (total <= width || flexible.length == 0) {
            return render(widths, wrap);
        }
        int room = width - GAP * (columns - 1);
        for (int i = 0; i < columns; i++) {
            if (!isFlexible(i, flexible)) {
                room -= widths[i];
            }
        }
        // the narrowest flexible columns first: one that needs less than its share leaves the rest to the others
        int[] order = Arrays.stream(flexible).boxed().sorted((a, b) -> Integer.compare(widths[a], widths[b]))
                .mapToInt(Integer::intValue).toArray();
        for (int k = 0; k < order.length; k++) {
            int share = Math.max(MIN_FLEXIBLE, room / (order.length - k));
            int column = order[k];
            widths[column] = Math.min(widths[column], share);
            room -= widths[column];
        }
        return render(widths, wrap);
    }

    private static boolean isFlexible(int column, int[] flexible) {
        return Arrays.stream(flexible).anyMatch(f -> f == column);
    }

    private int[] naturalWidths() {
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        return widths;
    }

    private String render(int[] widths, boolean wrap) {
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            List<List<String>> cells = new ArrayList<>();
            int height = 1;
            for (int i = 0; i < columns; i++) {
                List<String> lines = row[i].length() <= widths[i] ? List.of(row[i])
                        : wrap ? wrap(row[i], widths[i]) : List.of(shorten(row[i], widths[i]));
                cells.add(lines);
                height = Math.max(height, lines.size());
            }
            for (int line = 0; line < height; line++) {
                int start = out.length();
                for (int i = 0; i < columns; i++) {
                    String text = line < cells.get(i).size() ? cells.get(i).get(line) : "";
                    out.append(text);
                    if (i < columns - 1) {
                        out.append(" ".repeat(widths[i] - text.length() + GAP));
                    }
                }
                int end = out.length();
                while (end > start && out.charAt(end - 1) == ' ') {
                    end--;
                }
                out.setLength(end);
                out.append('\n');
            }
        }
        return out.toString();
    }

    static String shorten(String text, int width) {
        return text.length() <= width ? text : text.substring(0, Math.max(0, width - 1)) + "~";
    }

    /** {@code text} in lines of at most {@code width}, broken after spaces where it can be, else mid-word. */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        String rest = text.strip();
        while (rest.length() > width) {
            int cut = rest.lastIndexOf(' ', width);
            if (cut <= 0) {
                cut = width;
            }
            lines.add(rest.substring(0, cut).stripTrailing());
            rest = rest.substring(cut).stripLeading();
        }
        lines.add(rest);
        return lines;
    }
}
