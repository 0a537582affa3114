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
import io.lumen.enet.wire.WireException.Malformation;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a whole datagram or rejects it whole. ENet itself applies the commands before a bad one and ignores the rest;
 * a peer that speaks the protocol never sends a bad one, so rejecting everything keeps half-applied garbage out.
 */
public final class WireDecoder {

    private WireDecoder() {
    }

    /** Reads {@code datagram} from its position to its limit (big-endian, whatever the buffer's order). */
    public static Datagram decode(ByteBuffer datagram) throws WireException {
        ByteBuffer in = datagram.slice().order(java.nio.ByteOrder.BIG_ENDIAN);
        ProtocolHeader header = decodeHeader(in);
        if (header.compressed()) {
            throw new WireException(Malformation.COMPRESSED, "compressed datagram");
        }
        List<Command> commands = new ArrayList<>();
        while (in.hasRemaining()) {
            commands.add(decodeCommand(in));
        }
        if (commands.isEmpty()) {
            throw new WireException(Malformation.NO_COMMANDS, "datagram without commands");
        }
        return new Datagram(header, commands);
    }

    private static ProtocolHeader decodeHeader(ByteBuffer in) throws WireException {
        need(in, 2, "protocol header");
        int raw = Short.toUnsignedInt(in.getShort());
        int sentTime = ProtocolHeader.NO_SENT_TIME;
        if ((raw & ProtocolHeader.FLAG_SENT_TIME) != 0) {
            need(in, 2, "sentTime");
            sentTime = Short.toUnsignedInt(in.getShort());
        }
        return new ProtocolHeader(raw & ProtocolHeader.NO_PEER, (raw & ProtocolHeader.SESSION_MASK) >>> ProtocolHeader.SESSION_SHIFT,
                (raw & ProtocolHeader.FLAG_COMPRESSED) != 0, sentTime);
    }

    private static Command decodeCommand(ByteBuffer in) throws WireException {
        need(in, 4, "command header");
        int commandByte = Byte.toUnsignedInt(in.get(in.position()));
        CommandType type = CommandType.of(commandByte);
        if (type == null) {
            throw new WireException(Malformation.UNKNOWN_COMMAND, "unknown command " + (commandByte & CommandHeader.NUMBER_MASK));
        }
        need(in, type.size(), type.name());
        CommandHeader header = new CommandHeader(u8(in), u8(in), u16(in));
        return switch (type) {
            case ACKNOWLEDGE -> new Acknowledge(header, u16(in), u16(in));
            case CONNECT -> new Connect(header, parameters(in), in.getInt());
            case VERIFY_CONNECT -> new VerifyConnect(header, parameters(in));
            case DISCONNECT -> new Disconnect(header, in.getInt());
            case PING -> new Ping(header);
            case SEND_RELIABLE -> new SendReliable(header, payload(in, u16(in)));
            case SEND_UNRELIABLE -> {
                int sequence = u16(in);
                yield new SendUnreliable(header, sequence, payload(in, u16(in)));
            }
            case SEND_UNSEQUENCED -> {
                int group = u16(in);
                yield new SendUnsequenced(header, group, payload(in, u16(in)));
            }
            case SEND_FRAGMENT, SEND_UNRELIABLE_FRAGMENT -> {
                int start = u16(in);
                int length = u16(in);
                long count = u32(in);
                long number = u32(in);
                long total = u32(in);
                long offset = u32(in);
                yield new SendFragment(header, start, count, number, total, offset, payload(in, length));
            }
            case BANDWIDTH_LIMIT -> new BandwidthLimit(header, u32(in), u32(in));
            case THROTTLE_CONFIGURE -> new ThrottleConfigure(header, u32(in), u32(in), u32(in));
        };
    }

    private static ConnectParameters parameters(ByteBuffer in) {
        return new ConnectParameters(u16(in), u8(in), u8(in), u32(in), u32(in), u32(in), u32(in), u32(in), u32(in), u32(in),
                u32(in), in.getInt());
    }

    private static byte[] payload(ByteBuffer in, int length) throws WireException {
        need(in, length, "payload");
        byte[] data = new byte[length];
        in.get(data);
        return data;
    }

    private static void need(ByteBuffer in, int bytes, String what) throws WireException {
        if (in.remaining() < bytes) {
            throw new WireException(Malformation.TRUNCATED, what + " needs " + bytes + " bytes, " + in.remaining() + " left");
        }
    }

    private static int u8(ByteBuffer in) {
        return Byte.toUnsignedInt(in.get());
    }

    private static int u16(ByteBuffer in) {
        return Short.toUnsignedInt(in.getShort());
    }

    private static long u32(ByteBuffer in) {
        return Integer.toUnsignedLong(in.getInt());
    }
}
