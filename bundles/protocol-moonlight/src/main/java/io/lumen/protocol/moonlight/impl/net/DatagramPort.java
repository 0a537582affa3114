package io.lumen.protocol.moonlight.impl.net;

import io.lumen.nativeaccess.net.UdpSocket;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;

/**
 * A stream's UDP port as the video sender uses it: batches of equally sized datagrams out, laid out back to back
 * off-heap (one pacing batch, one call), and single datagrams in (the client's pings). Bound natively where FFM and
 * the kernel allow ({@link UdpSocket}: UDP GSO, else sendmmsg), else on a DatagramChannel, one send per datagram
 * ({@link UdpSockets#bindPort}).
 */
public interface DatagramPort extends AutoCloseable {

    /** A port over a channel already bound, which it then owns. */
    static DatagramPort of(DatagramChannel bound) {
        return new ChannelDatagramPort(bound);
    }

    InetSocketAddress localAddress();

    /** "UDP GSO (UDP_SEGMENT)", "DatagramChannel": how batches leave, for the stream's log line. */
    String sendPath();

    /** Asks for a send buffer of {@code bytes}. */
    void sendBuffer(int bytes) throws IOException;

    /**
     * Sends {@code count} datagrams of {@code datagramBytes} each, back to back from the start of {@code region},
     * in order; returns when all have left. {@link ClosedChannelException} once the port is closed.
     */
    void sendBatch(MemorySegment region, int datagramBytes, int count, InetSocketAddress to) throws IOException;

    /**
     * Waits for one datagram, puts as much of it as fits into {@code into} and returns its sender.
     * {@link ClosedChannelException} when the port is closed, also while waiting.
     */
    InetSocketAddress receive(ByteBuffer into) throws IOException;

    boolean isOpen();

    /** Releases the port; a thread waiting in {@link #receive} wakes. */
    @Override
    void close();
}
