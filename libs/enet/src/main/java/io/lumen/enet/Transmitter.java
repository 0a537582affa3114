package io.lumen.enet;

import io.lumen.enet.Connection.PendingAck;
import io.lumen.enet.wire.Command;
import io.lumen.enet.wire.CommandHeader;
import io.lumen.enet.wire.CommandType;
import io.lumen.enet.wire.ProtocolHeader;
import io.lumen.enet.wire.WireEncoder;
import java.nio.ByteBuffer;
import java.util.Iterator;

/**
 * Packs a connection's acknowledgements and queued commands into datagrams of at most its MTU, in ENet's order:
 * acknowledgements first, then commands by queue position (retransmissions first), then a ping if the connection is
 * idle. Reliable packets beyond the peer's window wait for acknowledgements.
 */
final class Transmitter {

    /** ENet sizes every datagram as if the header had its sentTime. */
    private static final int HEADER_ROOM = 4;
    private static final int MAXIMUM_COMMANDS = 32;

    private final ByteBuffer buffer = ByteBuffer.allocate(ProtocolHeader.MAXIMUM_DATAGRAM);
    private final DatagramSink sink;
    private final HostCounters counters;

    private int size;
    private int commands;
    private boolean stampSentTime;
    private boolean full;

    Transmitter(DatagramSink sink, HostCounters counters) {
        this.sink = sink;
        this.counters = counters;
    }

    /** Sends all {@code connection} may send now; {@code mayPing} adds the idle ping (not when flushing a disconnect). */
    void flush(Connection connection, long now, boolean mayPing) {
        do {
            begin();
            writeAcknowledgements(connection);
            writeOutgoing(connection, now);
            if (mayPing && !full && connection.pingDue(now) && connection.mtu - size >= CommandType.PING.size()) {
                connection.queue(CommandHeader.CONNECTION_CHANNEL, CommandHeader.FLAG_ACKNOWLEDGE, false,
                        (sequence, unused) -> new Command.Ping(CommandHeader.of(CommandType.PING, CommandHeader.FLAG_ACKNOWLEDGE,
                                CommandHeader.CONNECTION_CHANNEL, sequence)), 0, false);
                writeOutgoing(connection, now);
            }
            if (commands == 0) {
                return;
            }
            send(connection, now);
        } while (full);
    }

    private void begin() {
        buffer.clear().position(HEADER_ROOM);
        size = HEADER_ROOM;
        commands = 0;
        stampSentTime = false;
        full = false;
    }

    private void writeAcknowledgements(Connection connection) {
        while (!connection.acknowledgements.isEmpty()) {
            if (commands >= MAXIMUM_COMMANDS || connection.mtu - size < CommandType.ACKNOWLEDGE.size()) {
                full = true;
                return;
            }
            PendingAck ack = connection.acknowledgements.removeFirst();
            put(new Command.Acknowledge(CommandHeader.of(CommandType.ACKNOWLEDGE, 0, ack.channelId(), ack.reliableSequenceNumber()),
                    ack.reliableSequenceNumber(), ack.sentTime()));
            if (ack.type() == CommandType.DISCONNECT) {
                connection.closeAfterFlush = true;
            }
        }
    }

    private void writeOutgoing(Connection connection, long now) {
        boolean reliableBlocked = false;
        for (Iterator<Outgoing> it = connection.outgoing.values().iterator(); it.hasNext(); ) {
            Outgoing next = it.next();
            boolean reliable = next.reliable();
            Channel channel = reliable && next.channelId() < connection.channelCount ? connection.channels[next.channelId()] : null;
            if (reliable && next.carriesPacket) {
                if (reliableBlocked) {
                    continue;
                }
                if (channel != null && next.sendAttempts == 0 && channel.windowBlocks(next.reliableSequenceNumber)
                        || connection.reliableDataInTransit + next.fragmentLength > Math.max(connection.windowSize, connection.mtu)) {
                    reliableBlocked = true;
                    continue;
                }
            }
            int bytes = next.command.wireSize();
            if (commands >= MAXIMUM_COMMANDS || connection.mtu - size < bytes) {
                full = true;
                return;
            }
            it.remove();
            if (reliable) {
                if (next.sendAttempts == 0) {
                    connection.reliableSent++;
                    if (channel != null) {
                        channel.markSent(next.reliableSequenceNumber);
                    }
                }
                next.sendAttempts++;
                if (next.roundTripTimeout == 0) {
                    next.roundTripTimeout = connection.retransmitTimeout();
                }
                if (connection.sentReliable.isEmpty()) {
                    connection.nextTimeout = now + next.roundTripTimeout;
                }
                next.sentTime = now;
                connection.sentReliable.addLast(next);
                connection.reliableDataInTransit += next.fragmentLength;
                stampSentTime = true;
            }
            put(next.command);
        }
    }

    private void put(Command command) {
        WireEncoder.encode(command, buffer);
        size += command.wireSize();
        commands++;
    }

    private void send(Connection connection, long now) {
        int end = buffer.position();
        boolean addressed = connection.outgoingPeerId < ProtocolHeader.NO_PEER;
        ProtocolHeader header = new ProtocolHeader(connection.outgoingPeerId, addressed ? connection.outgoingSessionId & 3 : 0,
                false, stampSentTime ? (int) (now & 0xFFFF) : ProtocolHeader.NO_SENT_TIME);
        int start = HEADER_ROOM - header.size();
        buffer.position(start);
        WireEncoder.encode(header, buffer);
        buffer.limit(end).position(start);
        if (sink.send(connection.address, buffer)) {
            counters.sent(end - start);
        } else {
            counters.sendError();
        }
    }
}
