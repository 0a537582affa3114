package io.lumen.enet;

import io.lumen.enet.wire.Command;
import io.lumen.enet.wire.Command.Connect;
import io.lumen.enet.wire.Command.Disconnect;
import io.lumen.enet.wire.Command.SendFragment;
import io.lumen.enet.wire.Command.SendReliable;
import io.lumen.enet.wire.Command.SendUnreliable;
import io.lumen.enet.wire.Command.SendUnsequenced;
import io.lumen.enet.wire.Datagram;
import io.lumen.enet.wire.ProtocolHeader;
import io.lumen.enet.wire.WireDecoder;
import io.lumen.enet.wire.WireEncoder;
import io.lumen.enet.wire.WireException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * Plays one role of a {@link Recording} with our {@link EnetProtocol}: the other side's datagrams are fed in at their
 * recorded times (those the relay dropped are not), and our application does what the recorded one did at the moment
 * its datagrams show it (connect, send each packet once, disconnect). The clock is the recorded one shifted so that
 * our clock is never behind the real host's: acknowledgements echo the real host's sentTimes.
 */
final class Replay {

    static final InetSocketAddress CLIENT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 50123);
    static final InetSocketAddress SERVER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40100);

    final Recording recording;
    final boolean asClient;
    final List<byte[]> sent = new ArrayList<>();
    final List<EnetEvent> events = new ArrayList<>();
    private final ArrayDeque<Integer> connectIds = new ArrayDeque<>();
    private final EnetProtocol protocol;
    private final Set<String> done = new HashSet<>();
    private EnetPeer peer;
    private int connection;

    private Replay(Recording recording, boolean asClient, EnetOptions options) {
        this.recording = recording;
        this.asClient = asClient;
        RandomGenerator recordedConnectIds = new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int nextInt() {
                return connectIds.removeFirst();
            }
        };
        this.protocol = new EnetProtocol(options, (to, datagram) -> {
            if (!to.equals(asClient ? SERVER : CLIENT)) {
                throw new AssertionError("sent to " + to);
            }
            byte[] bytes = new byte[datagram.remaining()];
            datagram.get(bytes);
            sent.add(bytes);
            return true;
        }, Runnable::run, recordedConnectIds);
    }

    static Replay run(String recording, boolean asClient) {
        Replay replay = new Replay(Recording.load(recording), asClient, EnetOptions.defaults());
        replay.play();
        return replay;
    }

    EnetHostStats stats() {
        return protocol.stats();
    }

    private void play() {
        long offset = clockOffset();
        protocol.service(offset + bandwidthPhase());
        for (Recording.Entry entry : recording.entries()) {
            long now = offset + (long) Math.ceil(entry.timeMillis());
            if (entry.fromClient() == asClient) {
                act(entry, now);
            } else if (!entry.dropped()) {
                protocol.receive(asClient ? SERVER : CLIENT, ByteBuffer.wrap(entry.bytes()), now);
                drain();
            }
            protocol.service(now);
            drain();
        }
    }

    /**
     * ENet announces bandwidth limits on a once-a-second tick that starts with the host's first service call, which
     * came before the recording did. Starting ours on the tick the recording shows keeps the connection-channel sequence
     * numbers (pings, BANDWIDTH_LIMIT, DISCONNECT) in step with the real host's.
     */
    private long bandwidthPhase() {
        double first = recording.entries().getFirst().timeMillis();
        for (Recording.Entry entry : recording.from(asClient)) {
            if (entry.decode().commands().stream().anyMatch(c -> c.type() == io.lumen.enet.wire.CommandType.BANDWIDTH_LIMIT)) {
                long tick = (long) Math.floor(entry.timeMillis());
                while (tick > first) {
                    tick -= 1000;
                }
                return tick;
            }
        }
        return (long) Math.floor(first);
    }

    private long clockOffset() {
        long offset = 0;
        for (Recording.Entry entry : recording.from(asClient)) {
            ProtocolHeader header = entry.decode().header();
            if (header.hasSentTime()) {
                offset = Math.max(offset, header.sentTime() - (long) Math.ceil(entry.timeMillis()));
            }
        }
        return offset;
    }

    private void drain() {
        for (EnetEvent event : protocol.drainEvents()) {
            events.add(event);
            if (event instanceof EnetEvent.Connected connected) {
                peer = connected.peer();
            }
        }
    }

    /** What the recorded application did to make this datagram, done once per packet. */
    private void act(Recording.Entry entry, long now) {
        for (Command command : entry.decode().commands()) {
            switch (command) {
                case Connect connect -> {
                    connection++;
                    connectIds.add(connect.parameters().connectId());
                    peer = protocol.connect(SERVER, (int) connect.parameters().channelCount(), connect.data(), now);
                }
                case SendReliable s -> once(command, () -> peer.send(s.header().channelId(), s.data(), Delivery.RELIABLE));
                case SendUnreliable s -> once(command, () -> peer.send(s.header().channelId(), s.data(), Delivery.UNRELIABLE));
                case SendUnsequenced s -> once(command, () -> peer.send(s.header().channelId(), s.data(), Delivery.UNSEQUENCED));
                case SendFragment f when f.fragmentNumber() == 0 ->
                        once(command, () -> peer.send(f.header().channelId(), reassemble(f), Delivery.RELIABLE));
                case Disconnect d when d.header().acknowledge() -> once(command, () -> peer.disconnect(d.data()));
                default -> { }
            }
        }
    }

    private void once(Command command, Runnable action) {
        String key = connection + "/" + command.type() + "/" + command.header().channelId() + "/" + command.header().reliableSequenceNumber()
                + "/" + switch (command) {
                    case SendUnreliable s -> s.unreliableSequenceNumber();
                    case SendUnsequenced s -> s.unsequencedGroup();
                    default -> 0;
                };
        if (done.add(key)) {
            action.run();
        }
    }

    private byte[] reassemble(SendFragment first) {
        byte[] packet = new byte[(int) first.totalLength()];
        for (Recording.Entry entry : recording.from(asClient)) {
            for (Command command : entry.decode().commands()) {
                if (command instanceof SendFragment f && f.header().channelId() == first.header().channelId()
                        && f.startSequenceNumber() == first.startSequenceNumber() && f.totalLength() == first.totalLength()) {
                    System.arraycopy(f.data(), 0, packet, (int) f.fragmentOffset(), f.data().length);
                }
            }
        }
        return packet;
    }

    /** Our datagrams, decoded. */
    List<Datagram> ours() {
        return sent.stream().map(Replay::decode).toList();
    }

    /** The datagrams the real host of our role sent, the dropped ones included. */
    List<Datagram> recorded() {
        return recording.from(asClient).stream().map(Recording.Entry::decode).toList();
    }

    static Set<String> commands(List<Datagram> datagrams) {
        Set<String> hex = new TreeSet<>();
        for (Datagram datagram : datagrams) {
            for (Command command : datagram.commands()) {
                hex.add(hex(command));
            }
        }
        return hex;
    }

    static String hex(Command command) {
        ByteBuffer out = ByteBuffer.allocate(ProtocolHeader.MAXIMUM_DATAGRAM);
        WireEncoder.encode(command, out);
        return command.type() + " " + HexFormat.of().formatHex(out.array(), 0, out.position());
    }

    static Datagram decode(byte[] bytes) {
        try {
            return WireDecoder.decode(ByteBuffer.wrap(bytes));
        } catch (WireException e) {
            throw new AssertionError("we sent an undecodable datagram " + HexFormat.of().formatHex(bytes), e);
        }
    }
}
