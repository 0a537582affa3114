package io.lumen.enet;

import io.lumen.enet.Connection.State;
import io.lumen.enet.EnetPeer.DisconnectReason;
import io.lumen.enet.wire.Command;
import io.lumen.enet.wire.Command.Acknowledge;
import io.lumen.enet.wire.Command.BandwidthLimit;
import io.lumen.enet.wire.Command.Connect;
import io.lumen.enet.wire.Command.Disconnect;
import io.lumen.enet.wire.Command.Ping;
import io.lumen.enet.wire.Command.SendFragment;
import io.lumen.enet.wire.Command.SendReliable;
import io.lumen.enet.wire.Command.SendUnreliable;
import io.lumen.enet.wire.Command.SendUnsequenced;
import io.lumen.enet.wire.Command.ThrottleConfigure;
import io.lumen.enet.wire.Command.VerifyConnect;
import io.lumen.enet.wire.CommandType;
import io.lumen.enet.wire.Datagram;
import io.lumen.enet.wire.ProtocolHeader;
import io.lumen.enet.wire.WireDecoder;
import io.lumen.enet.wire.WireException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Applies received datagrams to the connections they address, command by command as ENet does. A datagram that is
 * malformed or misaddressed changes nothing; a command a connection refuses ends the datagram (what came before it
 * stands, as in ENet). Either way the caller counts the returned reason.
 */
final class Receiver {

    private final EnetProtocol protocol;
    private final EnetOptions options;

    Receiver(EnetProtocol protocol, EnetOptions options) {
        this.protocol = protocol;
        this.options = options;
    }

    DropReason process(InetSocketAddress from, ByteBuffer bytes) {
        if (bytes.remaining() > ProtocolHeader.MAXIMUM_DATAGRAM) {
            return DropReason.OVERSIZED;
        }
        Datagram datagram;
        try {
            datagram = WireDecoder.decode(bytes);
        } catch (WireException e) {
            return switch (e.malformation()) {
                case TRUNCATED, NO_COMMANDS -> DropReason.TRUNCATED;
                case COMPRESSED -> DropReason.COMPRESSED;
                case UNKNOWN_COMMAND -> DropReason.UNKNOWN_COMMAND;
            };
        }
        ProtocolHeader header = datagram.header();
        Connection connection = null;
        if (header.peerId() != ProtocolHeader.NO_PEER) {
            if (header.peerId() >= protocol.slots.length || protocol.slots[header.peerId()] == null) {
                return DropReason.UNKNOWN_PEER;
            }
            connection = protocol.slots[header.peerId()];
            if (connection.outgoingPeerId < ProtocolHeader.NO_PEER && header.sessionId() != connection.incomingSessionId) {
                return DropReason.SESSION_MISMATCH;
            }
            if (!connection.address.equals(from)) {
                return DropReason.FOREIGN_ADDRESS;
            }
        } else if (!(datagram.commands().getFirst() instanceof Connect)) {
            return DropReason.MALFORMED;
        }
        for (Command command : datagram.commands()) {
            if (command.header().acknowledge() && !header.hasSentTime()) {
                return DropReason.MALFORMED;
            }
        }
        for (Command command : datagram.commands()) {
            if (command instanceof Connect connect) {
                if (connection != null) {
                    return DropReason.MALFORMED;
                }
                if (!protocol.admits(from, connect.data())) {
                    return DropReason.CONNECT_DENIED;
                }
                connection = protocol.handshake.accept(from, connect);
                if (connection == null) {
                    return DropReason.CONNECT_REFUSED;
                }
            } else {
                DropReason reason = handle(connection, command);
                if (reason != null) {
                    return reason;
                }
            }
            if (connection.state == State.CLOSED) {
                return null;
            }
            if (command.header().acknowledge()) {
                acknowledgeLater(connection, command, header.sentTime());
            }
        }
        return null;
    }

    /** ENet acknowledges nothing while a handshake or a disconnect of ours is pending, and only the DISCONNECT it answers. */
    private static void acknowledgeLater(Connection connection, Command command, int sentTime) {
        switch (connection.state) {
            case DISCONNECTING, ACKNOWLEDGING_CONNECT, CLOSED -> { }
            case ACKNOWLEDGING_DISCONNECT -> {
                if (command.type() == CommandType.DISCONNECT) {
                    connection.queueAcknowledgement(command, sentTime);
                }
            }
            default -> connection.queueAcknowledgement(command, sentTime);
        }
    }

    private DropReason handle(Connection connection, Command command) {
        return switch (command) {
            case Acknowledge ack -> acknowledge(connection, ack);
            case VerifyConnect verify -> protocol.handshake.verify(connection, verify);
            case Disconnect disconnect -> remoteDisconnect(connection, disconnect);
            case Ping ping -> connection.open() ? null : DropReason.REJECTED;
            case BandwidthLimit limit -> {
                if (!connection.open()) {
                    yield DropReason.REJECTED;
                }
                connection.incomingBandwidth = limit.incomingBandwidth();
                connection.outgoingBandwidth = limit.outgoingBandwidth();
                connection.windowSize = Handshake.window(options.outgoingBandwidth(), limit.incomingBandwidth());
                yield null;
            }
            case ThrottleConfigure throttle -> {
                if (!connection.open()) {
                    yield DropReason.REJECTED;
                }
                connection.throttleInterval = throttle.packetThrottleInterval();
                connection.throttleAcceleration = throttle.packetThrottleAcceleration();
                connection.throttleDeceleration = throttle.packetThrottleDeceleration();
                yield null;
            }
            case SendReliable s -> receiveData(connection, s, s.data().length);
            case SendUnreliable s -> receiveData(connection, s, s.data().length);
            case SendUnsequenced s -> receiveData(connection, s, s.data().length);
            case SendFragment s -> receiveData(connection, s, s.data().length);
            case Connect c -> DropReason.MALFORMED;
        };
    }

    private DropReason acknowledge(Connection connection, Acknowledge ack) {
        // the echoed 16-bit clock, widened to ours; a time in the future is not an echo of ours
        long now = protocol.now();
        long sentTime = (now & ~0xFFFFL) | ack.receivedSentTime();
        if ((ack.receivedSentTime() & 0x8000) > (now & 0x8000)) {
            sentTime -= 0x10000;
        }
        if (sentTime > now) {
            return null;
        }
        connection.measureRoundTrip(now, Math.max(now - sentTime, 1));
        CommandType acknowledged = connection.acknowledge(ack.receivedReliableSequenceNumber(), ack.header().channelId());
        switch (connection.state) {
            case ACKNOWLEDGING_CONNECT -> {
                if (acknowledged != CommandType.VERIFY_CONNECT) {
                    return DropReason.REJECTED;
                }
                protocol.established(connection, connection.eventData);
            }
            case DISCONNECTING -> {
                if (acknowledged == CommandType.DISCONNECT) {
                    protocol.close(connection, DisconnectReason.LOCAL, connection.eventData, true);
                }
            }
            case DISCONNECT_LATER -> {
                if (!connection.hasOutgoing()) {
                    protocol.beginDisconnect(connection, connection.eventData);
                }
            }
            default -> { }
        }
        return null;
    }

    private DropReason remoteDisconnect(Connection connection, Disconnect disconnect) {
        if (connection.state == State.ACKNOWLEDGING_DISCONNECT) {
            return null;
        }
        connection.resetQueues();
        switch (connection.state) {
            case CONNECTED, DISCONNECT_LATER -> {
                if (disconnect.header().acknowledge()) {
                    // ends once our acknowledgement is on its way
                    connection.state = State.ACKNOWLEDGING_DISCONNECT;
                    connection.eventData = disconnect.data();
                } else {
                    protocol.close(connection, DisconnectReason.REMOTE, disconnect.data(), true);
                }
            }
            default -> protocol.close(connection, DisconnectReason.REMOTE, disconnect.data(), true);
        }
        return null;
    }

    private DropReason receiveData(Connection connection, Command command, int length) {
        int channelId = command.header().channelId();
        if (!connection.open() || channelId >= connection.channelCount || length > options.maxPacketSize()) {
            return DropReason.REJECTED;
        }
        if (connection.state == State.DISCONNECT_LATER) {
            return null;
        }
        Channel channel = connection.channels[channelId];
        Consumer<byte[]> deliver = packet -> {
            connection.packetsReceived++;
            protocol.emit(new EnetEvent.Received(connection.handle, channelId, packet));
        };
        int sequence = command.header().reliableSequenceNumber();
        return switch (command) {
            case SendReliable s -> channel.acceptReliable(connection, sequence, s.data(), deliver);
            case SendUnreliable s -> channel.acceptUnreliable(connection, sequence, s.unreliableSequenceNumber(), s.data(), deliver);
            case SendFragment f when f.type() == CommandType.SEND_FRAGMENT -> channel.acceptFragment(connection, f, options.maxPacketSize(), deliver);
            case SendFragment f -> channel.acceptUnreliableFragment(connection, f, options.maxPacketSize(), deliver);
            case SendUnsequenced s -> {
                if (connection.firstOfUnsequencedGroup(s.unsequencedGroup())) {
                    deliver.accept(s.data());
                }
                yield null;
            }
            default -> DropReason.MALFORMED;
        };
    }
}
