package io.lumen.input.uinput.impl.kernel;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * One open character device of the kernel's virtual input (/dev/uinput, /dev/uhid): what both ports do with their
 * file descriptor. Read-write (reads carry the kernel's requests: force-feedback uploads, a driver's reports),
 * non-blocking (the feedback loop polls) and close-on-exec (apps the host launches must not keep a virtual device
 * alive).
 */
final class DeviceNode {

    private final int fd;
    private final String name;
    private boolean closed;

    private DeviceNode(int fd, String name) {
        this.fd = fd;
        this.name = name;
    }

    static DeviceNode open(Path device, String name) throws IOException {
        Libc.Result opened = Libc.open(device.toString(), Libc.O_RDWR | Libc.O_NONBLOCK | Libc.O_CLOEXEC);
        if (opened.failed()) {
            throw new IOException("opening " + device + " failed: " + opened.error());
        }
        return new DeviceNode(opened.asInt(), name);
    }

    int fd() {
        return fd;
    }

    /**
     * Writes {@code data} in one call, again when a signal interrupted it; the device takes whole records or none,
     * so a short count means it refused part of them.
     */
    void write(MemorySegment data, String what) throws IOException {
        Libc.Result written;
        do {
            written = Libc.write(fd, data, data.byteSize());
        } while (written.failed() && written.errno() == Libc.EINTR);
        if (written.failed()) {
            throw new IOException("writing " + what + " to " + name + " failed: " + written.error());
        }
        if (written.value() != data.byteSize()) {
            throw new IOException(name + " took " + written.value() + " of " + data.byteSize() + " bytes of " + what);
        }
    }

    /** One pending record into {@code into}; 0 when none is pending. */
    int read(MemorySegment into) throws IOException {
        Libc.Result read = Libc.read(fd, into, into.byteSize());
        if (read.failed()) {
            if (read.errno() == Libc.EAGAIN || read.errno() == Libc.EINTR) {
                return 0;
            }
            throw new IOException("reading from " + name + " failed: " + read.error());
        }
        return read.asInt();
    }

    synchronized void close() {
        if (!closed) {
            closed = true;
            Libc.close(fd);
        }
    }
}
