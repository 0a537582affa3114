package io.lumen.tools.relay;

/**
 * The ports of a GameStream host, each an offset from its base port (HTTP on the base itself): the relay opens one
 * of each at its own base and forwards it to the same port at the host's base.
 */
public enum RelayPort {
    HTTP(0, false),
    HTTPS(-5, false),
    WEB(1, false),
    VIDEO(9, true),
    CONTROL(10, true),
    AUDIO(11, true),
    RTSP(21, false);

    private final int offset;
    private final boolean udp;

    RelayPort(int offset, boolean udp) {
        this.offset = offset;
        this.udp = udp;
    }

    public int at(int base) {
        return base + offset;
    }

    public boolean udp() {
        return udp;
    }

    /** The lowest and highest offsets, for checking that a base leaves room for every port. */
    static final int LOWEST_OFFSET = -5;
    static final int HIGHEST_OFFSET = 21;

    /** As the options and the counts name it: "video", "rtsp", ... */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
