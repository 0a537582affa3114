package io.lumen.protocol.moonlight.impl.net;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/** The fallback port: a blocking DatagramChannel, one send per datagram of a batch. */
final class ChannelDatagramPort implements DatagramPort {

    private final DatagramChannel channel;

    ChannelDatagramPort(DatagramChannel channel) {
        this.channel = channel;
    }

    /** Null while the channel is unbound or once it is closed. */
    @Override
    public InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public String sendPath() {
        return "DatagramChannel";
    }

    @Override
    public void sendBuffer(int bytes) throws IOException {
        channel.setOption(StandardSocketOptions.SO_SNDBUF, bytes);
    }

    @Override
    public void sendBatch(MemorySegment region, int datagramBytes, int count, InetSocketAddress to)
            throws IOException {
        if (region.byteSize() < (long) datagramBytes * count) {
            throw new IllegalArgumentException(count + " datagrams of " + datagramBytes + " bytes do not fit "
                    + region.byteSize() + " bytes");
        }
        ByteBuffer datagrams = region.asByteBuffer();
        for (int i = 0; i < count; i++) {
            channel.send(datagrams.limit((i + 1) * datagramBytes).position(i * datagramBytes), to);
        }
    }

    @Override
    public InetSocketAddress receive(ByteBuffer into) throws IOException {
        return (InetSocketAddress) channel.receive(into);
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() {
        UdpSockets.closeQuietly(channel);
    }
}
