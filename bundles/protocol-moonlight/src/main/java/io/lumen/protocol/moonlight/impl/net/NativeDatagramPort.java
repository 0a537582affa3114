package io.lumen.protocol.moonlight.impl.net;

import io.lumen.nativeaccess.net.ReceivedBatch;
import io.lumen.nativeaccess.net.UdpSocket;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/** The port on the native socket: a batch leaves in one GSO send (or one sendmmsg where the kernel refuses GSO). */
final class NativeDatagramPort implements DatagramPort {

    /** The listener takes pings of 20 bytes; a slot this big also holds anything else it counts as foreign. */
    private static final int RECEIVE_BYTES = 2048;

    private final UdpSocket socket;
    private final ReceivedBatch received = new ReceivedBatch(1, RECEIVE_BYTES);

    NativeDatagramPort(UdpSocket socket) {
        this.socket = socket;
    }

    @Override
    public InetSocketAddress localAddress() {
        return socket.localAddress();
    }

    @Override
    public String sendPath() {
        return socket.sendPath().description();
    }

    @Override
    public void sendBuffer(int bytes) throws IOException {
        socket.sendBuffer(bytes);
    }

    @Override
    public void sendBatch(MemorySegment region, int datagramBytes, int count, InetSocketAddress to)
            throws IOException {
        socket.sendBatch(region, datagramBytes, count, to);
    }

    /** One receiving thread at a time (the port's ping listener). */
    @Override
    public InetSocketAddress receive(ByteBuffer into) throws IOException {
        socket.receive(received);
        MemorySegment datagram = received.datagram(0);
        int length = (int) Math.min(datagram.byteSize(), into.remaining());
        MemorySegment.ofBuffer(into).copyFrom(datagram.asSlice(0, length));
        into.position(into.position() + length);
        return received.sender(0);
    }

    @Override
    public boolean isOpen() {
        return socket.isOpen();
    }

    @Override
    public void close() {
        socket.close();
    }
}
