package io.lumen.input.uinput.impl.kernel;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/** A uhid port on the real device node. */
public final class DevUhidPort implements UhidPort {

    private final int fd;
    private boolean closed;

    private DevUhidPort(int fd) {
        this.fd = fd;
    }

    /**
     * Opens {@code device} read-write (reads carry the driver's requests), non-blocking (the feedback loop polls)
     * and close-on-exec (apps the host launches must not keep a virtual pad alive).
     */
    public static DevUhidPort open(Path device) throws IOException {
        Libc.Result opened = Libc.open(device.toString(), Libc.O_RDWR | Libc.O_NONBLOCK | Libc.O_CLOEXEC);
        if (opened.failed()) {
            throw new IOException("opening " + device + " failed: " + opened.error());
        }
        return new DevUhidPort(opened.asInt());
    }

    @Override
    public void write(MemorySegment event) throws IOException {
        Libc.Result written;
        do {
            written = Libc.write(fd, event, event.byteSize());
        } while (written.failed() && written.errno() == Libc.EINTR);
        if (written.failed()) {
            throw new IOException("writing uhid event " + Uhid.type(event) + " failed: " + written.error());
        }
    }

    @Override
    public int read(MemorySegment into) throws IOException {
        Libc.Result read = Libc.read(fd, into, into.byteSize());
        if (read.failed()) {
            if (read.errno() == Libc.EAGAIN || read.errno() == Libc.EINTR) {
                return 0;
            }
            throw new IOException("reading from uhid failed: " + read.error());
        }
        return read.asInt();
    }

    @Override
    public int pollDescriptor() {
        return fd;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Libc.close(fd);
        }
    }
}
