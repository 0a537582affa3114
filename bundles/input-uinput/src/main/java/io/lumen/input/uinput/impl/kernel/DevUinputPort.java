package io.lumen.input.uinput.impl.kernel;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/** A uinput port on the real device node. */
public final class DevUinputPort implements UinputPort {

    private final int fd;
    private boolean closed;

    private DevUinputPort(int fd) {
        this.fd = fd;
    }

    /**
     * Opens {@code device} read-write (reads carry the force-feedback requests), non-blocking (the reader polls)
     * and close-on-exec (apps the host launches must not inherit a virtual device).
     */
    public static DevUinputPort open(Path device) throws IOException {
        Libc.Result opened = Libc.open(device.toString(), Libc.O_RDWR | Libc.O_NONBLOCK | Libc.O_CLOEXEC);
        if (opened.failed()) {
            throw new IOException("opening " + device + " failed: " + opened.error());
        }
        return new DevUinputPort(opened.asInt());
    }

    @Override
    public void ioctl(long request, int argument) throws IOException {
        check(Libc.ioctl(fd, request, argument), request);
    }

    @Override
    public void ioctl(long request, MemorySegment argument) throws IOException {
        check(Libc.ioctl(fd, request, argument), request);
    }

    @Override
    public void write(MemorySegment events) throws IOException {
        Libc.Result written;
        do {
            written = Libc.write(fd, events, events.byteSize());
        } while (written.failed() && written.errno() == Libc.EINTR);
        if (written.failed()) {
            throw new IOException("writing to uinput failed: " + written.error());
        }
        // uinput takes whole events or none, so a short count means the device refused part of the batch
        if (written.value() != events.byteSize()) {
            throw new IOException("uinput took " + written.value() + " of " + events.byteSize() + " bytes");
        }
    }

    @Override
    public int read(MemorySegment into) throws IOException {
        Libc.Result read = Libc.read(fd, into, into.byteSize());
        if (read.failed()) {
            if (read.errno() == Libc.EAGAIN || read.errno() == Libc.EINTR) {
                return 0;
            }
            throw new IOException("reading from uinput failed: " + read.error());
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

    private static void check(Libc.Result result, long request) throws IOException {
        if (result.failed()) {
            throw new IOException("ioctl 0x" + Long.toHexString(request) + " on uinput failed: " + result.error());
        }
    }
}
