package io.lumen.protocol.moonlight.impl;

import io.lumen.api.media.VideoMode;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * Where and how the Moonlight host runs.
 *
 * @param dataDir     the host identity and paired clients (protocol/ below it), app logs (log/)
 * @param appsFile    the app list; absent: only "Desktop"
 * @param ports       every listener's port, from the GameStream base (47989)
 * @param advertised  the ports named to clients: the host's own, or another base's where clients come through
 *                    something that maps ports (a relay, a NAT port-forward)
 * @param webAddress  where the PIN page listens (loopback by default); null: no page
 * @param mdns        whether to advertise {@code _nvstream._tcp} on the LAN
 */
public record HostSettings(String hostname, Path dataDir, Path appsFile, Path imageDir, InetAddress bindAddress,
                           HostPorts ports, AdvertisedPorts advertised, InetAddress webAddress, boolean mdns,
                           List<VideoMode> displayModes) {

    /** Offered in serverinfo; clients such as moonlight-embedded check their chosen mode against it. */
    public static final List<VideoMode> DISPLAY_MODES = List.of(new VideoMode(1280, 720, 60),
            new VideoMode(1920, 1080, 60), new VideoMode(1920, 1080, 120), new VideoMode(2560, 1440, 60),
            new VideoMode(2560, 1440, 120), new VideoMode(3840, 2160, 60));

    public HostSettings {
        displayModes = List.copyOf(displayModes);
    }
}
