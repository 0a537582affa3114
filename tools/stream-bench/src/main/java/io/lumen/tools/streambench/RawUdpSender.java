package io.lumen.tools.streambench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.SplittableRandom;

/**
 * The peer: the datagrams lumen sends (as many, as big, to the same client) from a bare loop over an unconnected
 * DatagramChannel with the video socket's send buffer, and nothing else on the way: no packetizing, FEC,
 * encryption or pacing. What it reaches is what the JVM and the kernel leave for the send path.
 */
final class RawUdpSender implements AutoCloseable {

    /** VideoSender's SO_SNDBUF (Sunshine's). */
    private static final int SEND_BUFFER_BYTES = 1 << 20;

    private final DatagramChannel channel;
    private final ByteBuffer datagram;

    RawUdpSender(int datagramBytes) throws IOException {
        channel = DatagramChannel.open();
        channel.setOption(StandardSocketOptions.SO_SNDBUF, SEND_BUFFER_BYTES);
        channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        datagram = ByteBuffer.allocateDirect(datagramBytes);
        SplittableRandom random = new SplittableRandom(datagramBytes);
        while (datagram.hasRemaining()) {
            datagram.put((byte) random.nextInt());
        }
    }

    /** Sends {@code count} datagrams; returns the bytes sent. */
    long send(int count, InetSocketAddress to) throws IOException {
        long sent = 0;
        for (int i = 0; i < count; i++) {
            sent += channel.send(datagram.clear(), to);
        }
        return sent;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
