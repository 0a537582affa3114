package io.lumen.enet.wire;

/**
 * The four bytes every command starts with.
 *
 * @param command                the command byte: the {@link CommandType} number in bits 0-3, flags in bits 6-7
 * @param channelId              0-254 for a user channel; 0xFF for the connection's own commands (connect, ping, ...)
 * @param reliableSequenceNumber 16-bit, per channel; unsequenced commands carry 0
 */
public record CommandHeader(int command, int channelId, int reliableSequenceNumber) {

    /** The receiver must acknowledge the command (it is reliable). */
    public static final int FLAG_ACKNOWLEDGE = 0x80;
    /** The command is outside every sequence (unsequenced sends, DISCONNECT of a connection being torn down). */
    public static final int FLAG_UNSEQUENCED = 0x40;
    public static final int NUMBER_MASK = 0x0F;
    /** The channel id of commands that belong to the connection rather than to a channel. */
    public static final int CONNECTION_CHANNEL = 0xFF;

    public CommandHeader {
        if ((command & ~0xFF) != 0 || (channelId & ~0xFF) != 0 || (reliableSequenceNumber & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("command header field out of range: " + command + "/" + channelId + "/"
                    + reliableSequenceNumber);
        }
    }

    public static CommandHeader of(CommandType type, int flags, int channelId, int reliableSequenceNumber) {
        return new CommandHeader(type.number() | flags, channelId, reliableSequenceNumber);
    }

    public CommandType type() {
        return CommandType.of(command);
    }

    public boolean acknowledge() {
        return (command & FLAG_ACKNOWLEDGE) != 0;
    }

    public boolean unsequenced() {
        return (command & FLAG_UNSEQUENCED) != 0;
    }
}
