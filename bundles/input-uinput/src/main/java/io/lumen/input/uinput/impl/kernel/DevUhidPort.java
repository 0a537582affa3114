package io.lumen.input.uinput.impl.kernel;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/** A uhid port on the real device node. */
public final class DevUhidPort implements UhidPort {

    private final DeviceNode node;

    private DevUhidPort(DeviceNode node) {
        this.node = node;
    }

    public static DevUhidPort open(Path device) throws IOException {
        return new DevUhidPort(DeviceNode.open(device, "uhid"));
    }

    @Override
    public void write(MemorySegment event) throws IOException {
        node.write(event, "uhid event " + Uhid.type(event));
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
}
