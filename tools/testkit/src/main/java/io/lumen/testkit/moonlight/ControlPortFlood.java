package io.lumen.testkit.moonlight;

import io.lumen.enet.wire.Command;
import io.lumen.enet.wire.Command.Connect;
import io.lumen.enet.wire.Command.ConnectParameters;
import io.lumen.enet.wire.Command.SendFragment;
import io.lumen.enet.wire.CommandHeader;
import io.lumen.enet.wire.CommandType;
import io.lumen.enet.wire.Datagram;
import io.lumen.enet.wire.ProtocolHeader;
import io.lumen.enet.wire.WireEncoder;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An attacker on the LAN against a launch's ENet control port, from its own sockets: CONNECTs with wrong connect data,
 * the 65-byte fragment bomb of issue 19 (an unreliable fragment claiming a 1 MiB packet in 2^20 pieces) aimed at
 * every peer id and session, and random bytes. It counts what the host sends back: a host that admits strangers
 * answers their CONNECTs with a VERIFY_CONNECT.
 */
public final class ControlPortFlood implements AutoCloseable {

    /** Header with sentTime (4) + SEND_UNRELIABLE_FRAGMENT (24) + payload: the size of the reported datagram. */
    public static final int BOMB_BYTES = 65;
    private static final int BOMB_PAYLOAD = BOMB_BYTES - 4 - 24;
    private static final int PEER_IDS = 4;

    private final InetSocketAddress target;
    private final List<DatagramChannel> sockets = new ArrayList<>();
    private final SplittableRandom random;
    private final ByteBuffer answer = ByteBuffer.allocate(ProtocolHeader.MAXIMUM_DATAGRAM);
    private long sent;
    private long sentBytes;
    private long answers;
    private long connects;
    private int sequence;

    /** {@code sources} sockets on the loopback address (or the target's), each a separate stranger. */
    public ControlPortFlood(InetSocketAddress target, int sources, long seed) throws IOException {
        this.target = target;
        this.random = new SplittableRandom(seed);
        try {
            for (int i = 0; i < sources; i++) {
                DatagramChannel socket = DatagramChannel.open();
                sockets.add(socket);
                socket.bind(new InetSocketAddress(target.getAddress(), 0));
                socket.configureBlocking(false);
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** One CONNECT with {@code data} from each source; a host that checks the connect data never answers. */
    public void connects(int data) throws IOException {
        for (DatagramChannel socket : sockets) {
            Connect connect = new Connect(CommandHeader.of(CommandType.CONNECT, CommandHeader.FLAG_ACKNOWLEDGE,
                    CommandHeader.CONNECTION_CHANNEL, 1),
                    new ConnectParameters(0, 0xFF, 0xFF, 1392, 65536, 0x30, 0, 0, 5000, 2, 2, random.nextInt()), data);
            send(socket, datagram(ProtocolHeader.NO_PEER, 0, connect));
            connects++;
        }
    }

    /** {@code count} fragment bombs, round robin over the sources, peer ids 0..3 and every session id. */
    public void bombs(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            int peerId = i % PEER_IDS;
            int session = i / PEER_IDS % 4;
            SendFragment bomb = new SendFragment(CommandHeader.of(CommandType.SEND_UNRELIABLE_FRAGMENT, 0, 0, 0),
                    ++sequence & 0xFFFF, 1 << 20, (1 << 20) - 1, 1 << 20, (1 << 20) - BOMB_PAYLOAD, new byte[BOMB_PAYLOAD]);
            send(sockets.get(i % sockets.size()), datagram(peerId, session, bomb));
        }
    }

    /** {@code count} datagrams of 1 to 1400 random bytes. */
    public void garbage(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            byte[] bytes = new byte[1 + random.nextInt(1400)];
            random.nextBytes(bytes);
            send(sockets.get(i % sockets.size()), bytes);
        }
    }

    /** Datagrams the host sent back to any source so far. */
    public long answers() throws IOException {
        for (DatagramChannel socket : sockets) {
            while (socket.receive(answer.clear()) != null) {
                answers++;
            }
        }
        return answers;
    }

    public int sources() {
        return sockets.size();
    }

    /** CONNECTs handed to the sockets. */
    public long connectsSent() {
        return connects;
    }

    /** Datagrams handed to the sockets (loopback drops what the host's receive buffer has no room for). */
    public long sent() {
        return sent;
    }

    public long sentBytes() {
        return sentBytes;
    }

    private static byte[] datagram(int peerId, int session, Command command) {
        return WireEncoder.toBytes(new Datagram(new ProtocolHeader(peerId, session, false, 1), List.of(command)));
    }

    private void send(DatagramChannel socket, byte[] bytes) throws IOException {
        // a full socket buffer drops the datagram, as the network would
        if (socket.send(ByteBuffer.wrap(bytes), target) > 0) {
            sent++;
            sentBytes += bytes.length;
        }
    }

    @Override
    public void close() {
        for (DatagramChannel socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing a datagram socket has nothing to flush; nothing to do
            }
        }
    }
}
