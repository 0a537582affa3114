package io.lumen.enet;

import io.lumen.enet.wire.Command;

/** A command waiting to be sent, or (reliable ones) sent and waiting for its acknowledgement. */
final class Outgoing {

    final Command command;
    /** Queue position: retransmissions keep theirs, so they go out ahead of newer commands and in their old order. */
    final long order;
    final int reliableSequenceNumber;
    /** Packet bytes this command carries: what counts against the peer's reliable window. */
    final int fragmentLength;
    final boolean carriesPacket;

    int sendAttempts;
    long sentTime;
    long roundTripTimeout;

    Outgoing(Command command, long order, int reliableSequenceNumber, int fragmentLength, boolean carriesPacket) {
        this.command = command;
        this.order = order;
        this.reliableSequenceNumber = reliableSequenceNumber;
        this.fragmentLength = fragmentLength;
        this.carriesPacket = carriesPacket;
    }

    boolean reliable() {
        return command.header().acknowledge();
    }

    int channelId() {
        return command.header().channelId();
    }
}
