package io.lumen.tools.streambench;

import io.lumen.nativeaccess.net.SendPath;
import io.lumen.nativeaccess.net.UdpSocket;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.security.GeneralSecurityException;
import java.util.SplittableRandom;

/**
 * The ways the bench hands 1408-byte datagrams to the kernel, each clear or with AES-GCM per packet:
 * the bare DatagramChannel loop (one send per datagram, sealed into one reused buffer as the host did), and the
 * native socket's paths, which send one pacing batch (46 datagrams, under 64 KB) from one contiguous region,
 * sealed straight into it.
 */
final class SendPaths {

    /** The pacer's batch at this size: at most 64 datagrams and 64 KB. */
    static final int BATCH = 46;
    /** VideoSender's SO_SNDBUF (Sunshine's). */
    private static final int SEND_BUFFER_BYTES = 1 << 20;

    /** One sender of the rounds. */
    interface Sender extends AutoCloseable {

        /** "DatagramChannel loop", "native GSO". */
        String name();

        boolean sealed();

        /** Sends {@code datagrams} datagrams to {@code to}. */
        void send(long datagrams, InetSocketAddress to) throws IOException, GeneralSecurityException;

        @Override
        void close() throws IOException;
    }

    private SendPaths() {
    }

    /** Random bytes, so no cipher or path meets friendlier input than video. */
    private static void fill(ByteBuffer buffer, int seed) {
        SplittableRandom random = new SplittableRandom(seed);
        while (buffer.hasRemaining()) {
            buffer.put((byte) random.nextInt());
        }
        buffer.clear();
    }

    /** The bare loop over an unconnected DatagramChannel with the video socket's send buffer. */
    static Sender channel(int datagramBytes, byte[] key) throws IOException, GeneralSecurityException {
        DatagramChannel channel = DatagramChannel.open();
        channel.setOption(StandardSocketOptions.SO_SNDBUF, SEND_BUFFER_BYTES);
        channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        ByteBuffer datagram = ByteBuffer.allocateDirect(datagramBytes);
        fill(datagram, datagramBytes);
        PacketSealer sealer = key == null ? null : new PacketSealer(key, datagramBytes);
        return new Sender() {
            @Override
            public String name() {
                return "DatagramChannel loop";
            }

            @Override
            public boolean sealed() {
                return sealer != null;
            }

            @Override
            public void send(long datagrams, InetSocketAddress to) throws IOException, GeneralSecurityException {
                for (long i = 0; i < datagrams; i++) {
                    if (sealer != null) {
                        sealer.seal(datagram, 0);
                    }
                    channel.send(datagram.clear(), to);
                }
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    /** The native socket held to {@code path}: batches of {@link #BATCH} from one region. */
    static Sender nativeSocket(SendPath path, int datagramBytes, byte[] key)
            throws IOException, GeneralSecurityException {
        UdpSocket socket = UdpSocket.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.sendBuffer(SEND_BUFFER_BYTES);
        socket.limitSendPath(path);
        if (socket.sendPath() != path) {
            socket.close();
            throw new IOException("the kernel offers no " + path.description());
        }
        MemorySegment region = Arena.ofAuto().allocate((long) BATCH * datagramBytes, 64);
        ByteBuffer view = region.asByteBuffer();
        fill(view, datagramBytes);
        PacketSealer sealer = key == null ? null : new PacketSealer(key, datagramBytes);
        return new Sender() {
            @Override
            public String name() {
                return "native " + switch (path) {
                    case GSO -> "GSO";
                    case SENDMMSG -> "sendmmsg";
                    case SINGLE -> "sendto";
                };
            }

            @Override
            public boolean sealed() {
                return sealer != null;
            }

            @Override
            public void send(long datagrams, InetSocketAddress to) throws IOException, GeneralSecurityException {
                for (long sent = 0; sent < datagrams; ) {
                    int count = (int) Math.min(BATCH, datagrams - sent);
                    if (sealer != null) {
                        for (int i = 0; i < count; i++) {
                            sealer.seal(view, i * datagramBytes);
                        }
                    }
                    socket.sendBatch(region, datagramBytes, count, to);
                    sent += count;
                }
            }

            @Override
            public void close() {
                socket.close();
            }
        };
    }
}
