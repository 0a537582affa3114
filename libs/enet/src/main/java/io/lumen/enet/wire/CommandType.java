package io.lumen.enet.wire;

/** The twelve ENet 1.3 commands, with their numbers and the fixed size of each on the wire (payload excluded). */
public enum CommandType {
    ACKNOWLEDGE(1, 8),
    CONNECT(2, 48),
    VERIFY_CONNECT(3, 44),
    DISCONNECT(4, 8),
    PING(5, 4),
    SEND_RELIABLE(6, 6),
    SEND_UNRELIABLE(7, 8),
    SEND_FRAGMENT(8, 24),
    SEND_UNSEQUENCED(9, 8),
    BANDWIDTH_LIMIT(10, 12),
    THROTTLE_CONFIGURE(11, 16),
    SEND_UNRELIABLE_FRAGMENT(12, 24);

    private static final CommandType[] BY_NUMBER = new CommandType[16];

    static {
        for (CommandType type : values()) {
            BY_NUMBER[type.number] = type;
        }
    }

    private final int number;
    private final int size;

    CommandType(int number, int size) {
        this.number = number;
        this.size = size;
    }

    public int number() {
        return number;
    }

    /** Bytes of the command itself, from its first byte up to where a payload (if any) starts. */
    public int size() {
        return size;
    }

    /** The type for the low four bits of a command byte, or null for 0 and 13-15. */
    public static CommandType of(int commandByte) {
        return BY_NUMBER[commandByte & CommandHeader.NUMBER_MASK];
    }
}
