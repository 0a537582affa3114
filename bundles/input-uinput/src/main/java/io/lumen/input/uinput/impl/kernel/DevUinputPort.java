package io.lumen.input.uinput.impl.kernel;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/** A uinput port on the real device node. */
public final class DevUinputPort implements UinputPort {

    private final DeviceNode node;

    private DevUinputPort(DeviceNode node) {
        this.node = node;
    }

    public static DevUinputPort open(Path device) throws IOException {
        return new DevUinputPort(DeviceNode.open(device, "uinput"));
    }

    @Override
    public void ioctl(long request, int argument) throws IOException {
        check(Libc.ioctl(node.fd(), request, argument), request);
    }

    @Override
    public void ioctl(long request, MemorySegment argument) throws IOException {
        check(Libc.ioctl(node.fd(), request, argument), request);
    }

    @Override
    public void write(MemorySegment events) throws IOException {
        node.write(events, "input events");
    }

    @Override
    public int read(MemorySegment into) throws IOException {
        return node.read(into);
    }

    @Override
    public int pollDescriptor() {
        return node.fd();
    }

    @Override
    public void close() {
        node.close();
    }

    private static void check(Libc.Result result, long request) throws IOException {
        if (result.failed()) {
            throw new IOException("ioctl 0x" + Long.toHexString(request) + " on uinput failed: " + result.error());
        }
    }
}
