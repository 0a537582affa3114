package io.lumen.nativeaccess.net;

/**
 * How a {@link UdpSocket} hands a batch of equally sized datagrams to the kernel, best first. A socket starts
 * at the best its kernel offers and steps down, for good, the first time the kernel refuses a path.
 */
public enum SendPath {

    /** UDP GSO: one sendmsg (or one sendmmsg of several) carries up to 64 datagrams, cut by the kernel. */
    GSO("UDP GSO (UDP_SEGMENT)"),
    /** One sendmmsg carries up to 64 datagrams, each its own message. */
    SENDMMSG("sendmmsg"),
    /** One sendto per datagram. */
    SINGLE("sendto per datagram");

    private final String description;

    SendPath(String description) {
        this.description = description;
    }

    /** "UDP GSO (UDP_SEGMENT)", for logs and reports. */
    public String description() {
        return description;
    }

    /** The worse of this and {@code other}. */
    SendPath atMost(SendPath other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
