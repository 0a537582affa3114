package io.lumen.input.uinput.impl.kernel;

import java.io.IOException;
import java.lang.foreign.MemorySegment;

/**
 * One open /dev/uinput: the four things a virtual device does with it. The real port makes the system calls; a
 * test port records what it is given, so everything that builds the bytes is the same code in both.
 */
public interface UinputPort extends AutoCloseable {

    /** An ioctl taking an int (the UI_SET_*BIT requests; UI_DEV_CREATE and UI_DEV_DESTROY ignore it). */
    void ioctl(long request, int argument) throws IOException;

    /** An ioctl taking a pointer to a struct the kernel reads, fills, or both. */
    void ioctl(long request, MemorySegment argument) throws IOException;

    /** Writes whole input_events; a short write is an error. */
    void write(MemorySegment events) throws IOException;

    /** Reads what is pending into {@code into}, at most its size; 0 when nothing is (the port never blocks). */
    int read(MemorySegment into) throws IOException;

    /** The descriptor to poll for readable requests (force feedback), or -1 when there is none to poll. */
    int pollDescriptor();

    @Override
    void close();
}
