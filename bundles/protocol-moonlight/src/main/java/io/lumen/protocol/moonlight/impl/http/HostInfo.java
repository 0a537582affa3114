package io.lumen.protocol.moonlight.impl.http;

import io.lumen.api.media.VideoMode;

import java.util.List;

/**
 * What /serverinfo reports about the host at this moment: its name and id, the ports clients are to use (its own,
 * or those it advertises when clients come through a relay or port-forward), the codec-mode bits of the
 * encoders actually available, the display modes it offers, and what runs now (0 and free when nothing does).
 */
public record HostInfo(String hostname, String uniqueId, int httpPort, int httpsPort, int rtspPort, int codecModeSupport,
                       List<VideoMode> displayModes, int currentGame, boolean busy) {

    /** Host version strings that select the modern client behaviour (PROTOCOL.md "facts that steer everything"). */
    static final String APP_VERSION = "7.1.431.-1";
    static final String GFE_VERSION = "3.23.0.74";

    public HostInfo {
        displayModes = List.copyOf(displayModes);
    }

    /**
     * The XML. {@code paired} and the real {@code mac} only for a paired client over HTTPS. gputype, GsVersion and
     * the display modes are what moonlight-embedded reads besides the usual fields (it checks the launch mode
     * against the list when run with -nounsupported).
     */
    String serverInfo(boolean paired, String mac, String localIp) {
        NvXml xml = new NvXml()
                .put("hostname", hostname)
                .put("appversion", APP_VERSION)
                .put("GfeVersion", GFE_VERSION)
                .put("GsVersion", GFE_VERSION)
                .put("uniqueid", uniqueId)
                .put("HttpsPort", httpsPort)
                .put("ExternalPort", httpPort)
                .put("mac", mac)
                .put("LocalIP", localIp)
                .put("gputype", "lumen")
                .put("ServerCodecModeSupport", codecModeSupport)
                .put("PairStatus", paired ? 1 : 0)
                .put("currentgame", currentGame)
                .put("state", busy ? "SUNSHINE_SERVER_BUSY" : "SUNSHINE_SERVER_FREE");
        xml.begin("SupportedDisplayMode");
        for (VideoMode mode : displayModes) {
            xml.begin("DisplayMode").put("Width", mode.width()).put("Height", mode.height())
                    .put("RefreshRate", mode.fps()).end("DisplayMode");
        }
        return xml.end("SupportedDisplayMode").ok();
    }
}
