package io.lumen.wayland;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One event's arguments as libwayland-client decoded them: one 8-byte {@code wl_argument} each, in the order of the
 * event's signature. Valid only during the {@link EventHandler} call that received it: the memory is
 * libwayland's.
 */
public final class Arguments {

    private final MemorySegment args;

    Arguments(MemorySegment args) {
        this.args = args;
    }

    /** An {@code int}, {@code uint} (as its bits), {@code fd} or the raw bits of a {@code fixed} argument. */
    public int intAt(int index) {
        return args.get(ValueLayout.JAVA_INT, 8L * index);
    }

    /** A {@code fixed} argument as a number. */
    public double fixedAt(int index) {
        return Fixed.toDouble(intAt(index));
    }

    /** A {@code string} argument; a null one reads as the empty string. */
    public String stringAt(int index) {
        return Dispatcher.string(args.get(ValueLayout.ADDRESS, 8L * index));
    }

    /** An {@code object} argument: the address of this side's proxy for it, 0 for null (or an object already gone). */
    public long objectAt(int index) {
        return args.get(ValueLayout.ADDRESS, 8L * index).address();
    }
}
