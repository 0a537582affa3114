package io.lumen.protocol.moonlight.impl.http;

/**
 * What /serverinfo reports about the host: its name and id, ports, the codec-mode bits of the encoders actually
 * available, and what runs now (0 and not busy when nothing streams).
 */
record HostInfo(String hostname, String uniqueId, int httpPort, int httpsPort, int codecModeSupport,
                int currentGame, boolean streaming) {

    /** Host version strings that select the modern client behaviour (PROTOCOL.md "facts that steer everything"). */
    static final String APP_VERSION = "7.1.431.-1";
    static final String GFE_VERSION = "3.23.0.74";

    String serverInfo(boolean paired, String mac, String localIp) {
        return new NvXml()
                .put("hostname", hostname)
                .put("appversion", APP_VERSION)
                .put("GfeVersion", GFE_VERSION)
                .put("uniqueid", uniqueId)
                .put("HttpsPort", httpsPort)
                .put("ExternalPort", httpPort)
                .put("mac", mac)
                .put("LocalIP", localIp)
                .put("ServerCodecModeSupport", codecModeSupport)
                .put("PairStatus", paired ? 1 : 0)
                .put("currentgame", currentGame)
                .put("state", streaming ? "SUNSHINE_SERVER_BUSY" : "SUNSHINE_SERVER_FREE")
                .ok();
    }
}
