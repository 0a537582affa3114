package io.lumen.session.impl.command;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;

import java.util.List;

/**
 * How wide the shell's output may be: the console's terminal as it is now (Felix's console keeps a live
 * {@code #COLUMNS}); else the {@code COLUMNS} the session was given ({@code bin/lumen cmd} passes its terminal's);
 * else {@link #DEFAULT}.
 */
final class ShellWidth {

    static final int DEFAULT = 100;
    private static final int MIN = 40;
    private static final int MAX = 1000;

    private ShellWidth() {
    }

    static int of(CommandSession session) {
        if (session == null) {
            return DEFAULT;
        }
        Integer console = columns(session, "#COLUMNS");
        if (console != null) {
            return console;
        }
        Integer given = columns(session, "COLUMNS");
        return given != null ? given : DEFAULT;
    }

    private static Integer columns(CommandSession session, String variable) {
        Object value;
        try {
            value = session.get(variable);
            if (value instanceof Function function) {
                value = function.execute(session, List.of());
            }
        } catch (Exception e) {
            return null; // a console without a terminal size: the next source decides
        }
        return parse(value);
    }

    /** A usable width from a variable's value, or null for none (absent, not a number, a terminal of size 0). */
    static Integer parse(Object value) {
        int columns;
        if (value instanceof Number number) {
            columns = number.intValue();
        } else if (value instanceof CharSequence text && text.toString().strip().matches("\\d{1,6}")) {
            columns = Integer.parseInt(text.toString().strip());
        } else {
            return null;
        }
        return columns <= 0 ? null : Math.clamp(columns, MIN, MAX);
    }
}
