package io.lumen.enet.wire;

import io.lumen.enet.wire.Command.Acknowledge;
import io.lumen.enet.wire.Command.BandwidthLimit;
import io.lumen.enet.wire.Command.Connect;
import io.lumen.enet.wire.Command.ConnectParameters;
import io.lumen.enet.wire.Command.Disconnect;
import io.lumen.enet.wire.Command.Ping;
import io.lumen.enet.wire.Command.SendFragment;
import io.lumen.enet.wire.Command.SendReliable;
import io.lumen.enet.wire.Command.SendUnreliable;
import io.lumen.enet.wire.Command.SendUnsequenced;
import io.lumen.enet.wire.Command.ThrottleConfigure;
import io.lumen.enet.wire.Command.VerifyConnect;
import java.nio.ByteBuffer;

/** Writes headers and commands big-endian at a buffer's position; the caller sizes the buffer (at most one MTU). */
public final class WireEncoder {

    private WireEncoder() {
    }

    public static void encode(ProtocolHeader header, ByteBuffer out) {
        int raw = header.peerId() | header.sessionId() << ProtocolHeader.SESSION_SHIFT;
        if (header.compressed()) {
            raw |= ProtocolHeader.FLAG_COMPRESSED;
        }
        if (header.hasSentTime()) {
            out.putShort((short) (raw | ProtocolHeader.FLAG_SENT_TIME)).putShort((short) header.sentTime());
        } else {
            out.putShort((short) raw);
        }
    }

    /** The datagram's bytes, as they go on the wire. */
    public static byte[] toBytes(Datagram datagram) {
        ByteBuffer out = ByteBuffer.allocate(ProtocolHeader.MAXIMUM_DATAGRAM);
        encode(datagram, out);
        return java.util.Arrays.copyOf(out.array(), out.position());
    }

    public static void encode(Datagram datagram, ByteBuffer out) {
        encode(datagram.header(), out);
        for (Command command : datagram.commands()) {
            encode(command, out);
        }
    }

    public static void encode(Command command, ByteBuffer out) {
        CommandHeader header = command.header();
        out.put((byte) header.command()).put((byte) header.channelId()).putShort((short) header.reliableSequenceNumber());
        switch (command) {
            case Acknowledge a -> out.putShort((short) a.receivedReliableSequenceNumber()).putShort((short) a.receivedSentTime());
            case Connect c -> {
                parameters(c.parameters(), out);
                out.putInt(c.data());
            }
            case VerifyConnect v -> parameters(v.parameters(), out);
            case Disconnect d -> out.putInt(d.data());
            case Ping p -> {
                // the command header is all of it
            }
            case SendReliable s -> out.putShort((short) s.data().length).put(s.data());
            case SendUnreliable s -> out.putShort((short) s.unreliableSequenceNumber()).putShort((short) s.data().length).put(s.data());
            case SendUnsequenced s -> out.putShort((short) s.unsequencedGroup()).putShort((short) s.data().length).put(s.data());
            case SendFragment f -> out.putShort((short) f.startSequenceNumber()).putShort((short) f.data().length)
                    .putInt((int) f.fragmentCount()).putInt((int) f.fragmentNumber()).putInt((int) f.totalLength())
                    .putInt((int) f.fragmentOffset()).put(f.data());
            case BandwidthLimit b -> out.putInt((int) b.incomingBandwidth()).putInt((int) b.outgoingBandwidth());
            case ThrottleConfigure t -> out.putInt((int) t.packetThrottleInterval()).putInt((int) t.packetThrottleAcceleration())
                    .putInt((int) t.packetThrottleDeceleration());
        }
    }

    private static void parameters(ConnectParameters p, ByteBuffer out) {
        out.putShort((short) p.outgoingPeerId()).put((byte) p.incomingSessionId()).put((byte) p.outgoingSessionId())
                .putInt((int) p.mtu()).putInt((int) p.windowSize()).putInt((int) p.channelCount())
                .putInt((int) p.incomingBandwidth()).putInt((int) p.outgoingBandwidth())
                .putInt((int) p.packetThrottleInterval()).putInt((int) p.packetThrottleAcceleration())
                .putInt((int) p.packetThrottleDeceleration()).putInt(p.connectId());
    }
}
