package io.lumen.enet.wire;

/**
 * One ENet command, field for field as {@code protocol.h} lays it out. Unsigned 32-bit fields are {@code long}s;
 * opaque 32-bit values (connect id, user data) are {@code int}s. Payloads are the exact bytes that follow the command.
 */
public sealed interface Command {

    CommandHeader header();

    default CommandType type() {
        return header().type();
    }

    /** Bytes on the wire, payload included. */
    default int wireSize() {
        return type().size();
    }

    /** Confirms one reliable command, echoing the sentTime of the datagram that carried it. */
    record Acknowledge(CommandHeader header, int receivedReliableSequenceNumber, int receivedSentTime) implements Command {
    }

    /**
     * The negotiated connection parameters, which CONNECT and VERIFY_CONNECT share.
     *
     * @param outgoingPeerId    the sender's own peer id for this connection (the receiver puts it in its headers)
     * @param incomingSessionId the session id the sender wants in headers it receives (0xFF: let the receiver choose)
     * @param outgoingSessionId the session id the sender will put in its headers (0xFF: let the receiver choose)
     * @param connectId         an opaque random value the server echoes, matching the reply to the request
     */
    record ConnectParameters(int outgoingPeerId, int incomingSessionId, int outgoingSessionId, long mtu, long windowSize,
                             long channelCount, long incomingBandwidth, long outgoingBandwidth, long packetThrottleInterval,
                             long packetThrottleAcceleration, long packetThrottleDeceleration, int connectId) {
    }

    /** The client's request; {@code data} is the application's 32-bit value (Moonlight: X-SS-Connect-Data). */
    record Connect(CommandHeader header, ConnectParameters parameters, int data) implements Command {
    }

    /** The server's reply to CONNECT, which also stands in for CONNECT's acknowledgement. */
    record VerifyConnect(CommandHeader header, ConnectParameters parameters) implements Command {
    }

    record Disconnect(CommandHeader header, int data) implements Command {
    }

    record Ping(CommandHeader header) implements Command {
    }

    record SendReliable(CommandHeader header, byte[] data) implements Command {
        @Override
        public int wireSize() {
            return type().size() + data.length;
        }
    }

    record SendUnreliable(CommandHeader header, int unreliableSequenceNumber, byte[] data) implements Command {
        @Override
        public int wireSize() {
            return type().size() + data.length;
        }
    }

    record SendUnsequenced(CommandHeader header, int unsequencedGroup, byte[] data) implements Command {
        @Override
        public int wireSize() {
            return type().size() + data.length;
        }
    }

    /**
     * One piece of a packet too large for a datagram: SEND_FRAGMENT (reliable; each piece has its own reliable sequence
     * number, the first one's is {@code startSequenceNumber}) or SEND_UNRELIABLE_FRAGMENT ({@code startSequenceNumber} is
     * then the unreliable sequence number).
     */
    record SendFragment(CommandHeader header, int startSequenceNumber, long fragmentCount, long fragmentNumber,
                        long totalLength, long fragmentOffset, byte[] data) implements Command {
        @Override
        public int wireSize() {
            return type().size() + data.length;
        }
    }

    record BandwidthLimit(CommandHeader header, long incomingBandwidth, long outgoingBandwidth) implements Command {
    }

    record ThrottleConfigure(CommandHeader header, long packetThrottleInterval, long packetThrottleAcceleration,
                             long packetThrottleDeceleration) implements Command {
    }
}
