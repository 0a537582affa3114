package io.lumen.protocol.moonlight.impl;

import io.lumen.api.media.VideoMode;
import io.lumen.protocol.moonlight.impl.stream.EncryptionPolicy;
import io.lumen.protocol.moonlight.impl.video.VideoFecScheme;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * @param fecSchemes  the video FEC schemes streams may use ({@code fec.schemes}); a client gets rs8-moonlight
 *                    unless it asks for another, so without it only clients of lumen's extension can stream
 * @param encryption  which stream encryption clients must use ({@code encryption})
 */
public record HostSettings(String hostname, Path dataDir, Path appsFile, Path imageDir, InetAddress bindAddress,
                           HostPorts ports, AdvertisedPorts advertised, InetAddress webAddress, boolean mdns,
                           List<VideoMode> displayModes, List<VideoFecScheme> fecSchemes,
                           EncryptionPolicy encryption) {

    /** Offered in serverinfo; clients such as moonlight-embedded check their chosen mode against it. */
    public static final List<VideoMode> DISPLAY_MODES = List.of(new VideoMode(1280, 720, 60),
            new VideoMode(1920, 1080, 60), new VideoMode(1920, 1080, 120), new VideoMode(2560, 1440, 60),
            new VideoMode(2560, 1440, 120), new VideoMode(3840, 2160, 60));

    /** Every scheme lumen implements. */
    public static final List<VideoFecScheme> FEC_SCHEMES = List.of(VideoFecScheme.values());

    public HostSettings {
        displayModes = List.copyOf(displayModes);
        fecSchemes = List.copyOf(fecSchemes);
    }

    /**
     * The schemes named in a {@code fec.schemes} setting ("rs8-moonlight,leopard16").
     *
     * @throws IllegalArgumentException naming an unknown scheme, or when none is named
     */
    public static List<VideoFecScheme> fecSchemes(String setting) {
        List<VideoFecScheme> schemes = new ArrayList<>();
        for (String id : setting.split("[,\\s]+")) {
            if (id.isEmpty()) {
                continue;
            }
            VideoFecScheme scheme = VideoFecScheme.byId(id).orElseThrow(() -> new IllegalArgumentException(
                    "fec.schemes names \"" + id + "\", which is no FEC scheme (known: " + FEC_SCHEMES + ")"));
            if (!schemes.contains(scheme)) {
                schemes.add(scheme);
            }
        }
        if (schemes.isEmpty()) {
            throw new IllegalArgumentException("fec.schemes names no scheme: no client could stream");
        }
        return schemes;
    }
}
