package io.lumen.input.uinput.impl.kernel;

import java.io.IOException;
import java.lang.foreign.MemorySegment;

/**
 * One open /dev/uhid, which is one HID device: uhid_events are written to it and read from it. The real port makes
 * the system calls; a test port records the writes and hands out queued reads, so the code that builds and parses
 * the events is the same in both.
 */
public interface UhidPort extends AutoCloseable {

    /** Writes one uhid_event (possibly cut short: the kernel zero-fills the rest). */
    void write(MemorySegment event) throws IOException;

    /** Reads one pending uhid_event into {@code into}; 0 when none is pending (the port never blocks). */
    int read(MemorySegment into) throws IOException;

    /** The descriptor to poll for events from the kernel, or -1 when there is none to poll. */
    int pollDescriptor();

    /** Closing destroys the device if it still exists. */
    @Override
    void close();
}
