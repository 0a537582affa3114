package io.lumen.protocol.moonlight.impl;

/**
 * The ports the host names to its clients (serverinfo's {@code HttpsPort} and {@code ExternalPort}, the launch
 * reply's {@code sessionUrl0}, each SETUP reply's {@code server_port}, mDNS): its own by default, or those derived
 * from another base port when clients reach it through something that maps ports (a lossy relay, a NAT
 * port-forward). Clients take only the port from {@code sessionUrl0} and connect to the address they already use.
 */
public final class AdvertisedPorts {

    private static final AdvertisedPorts OWN = new AdvertisedPorts(null);

    private final HostPorts ports;

    private AdvertisedPorts(HostPorts ports) {
        this.ports = ports;
    }

    /** The host's own ports, whatever they are once bound. */
    public static AdvertisedPorts own() {
        return OWN;
    }

    /** The ports of {@code base}; 0 means the host's own. */
    public static AdvertisedPorts at(int base) {
        return base == 0 ? OWN : new AdvertisedPorts(HostPorts.fromBase(base));
    }

    public boolean isOwn() {
        return ports == null;
    }

    public int http(int bound) {
        return ports == null ? bound : ports.http();
    }

    public int https(int bound) {
        return ports == null ? bound : ports.https();
    }

    public int rtsp(int bound) {
        return ports == null ? bound : ports.rtsp();
    }

    /** The port named for a stream ("video", "audio" or "control") whose socket is bound to {@code bound}. */
    public int stream(String stream, int bound) {
        if (ports == null) {
            return bound;
        }
        return switch (stream) {
            case "video" -> ports.video();
            case "audio" -> ports.audio();
            case "control" -> ports.control();
            default -> bound;
        };
    }

    @Override
    public String toString() {
        return ports == null ? "its own ports" : "base " + ports.http();
    }
}
