package io.lumen.protocol.moonlight.impl;

/**
 * The ports of one host, all derived from the GameStream base port as Sunshine does (PROTOCOL-DETAIL.md 1), so a
 * client that only knows the base finds everything. Base 0 makes every port 0: each listener then takes a free
 * port and reports it (tests), which clients follow because they read RTSP from {@code sessionUrl0} and the stream
 * ports from the SETUP replies.
 */
public record HostPorts(int http, int https, int web, int video, int control, int audio, int rtsp) {

    public static final int HTTPS_OFFSET = -5;
    public static final int WEB_OFFSET = 1;
    public static final int VIDEO_OFFSET = 9;
    public static final int CONTROL_OFFSET = 10;
    public static final int AUDIO_OFFSET = 11;
    public static final int RTSP_OFFSET = 21;

    public static HostPorts fromBase(int base) {
        if (base == 0) {
            return new HostPorts(0, 0, 0, 0, 0, 0, 0);
        }
        if (base + HTTPS_OFFSET < 1 || base + RTSP_OFFSET > 65535) {
            throw new IllegalArgumentException("port " + base + " leaves no room for HTTPS (port" + HTTPS_OFFSET
                    + ") and RTSP (port+" + RTSP_OFFSET + ")");
        }
        return new HostPorts(base, base + HTTPS_OFFSET, base + WEB_OFFSET, base + VIDEO_OFFSET,
                base + CONTROL_OFFSET, base + AUDIO_OFFSET, base + RTSP_OFFSET);
    }
}
