package io.lumen.protocol.moonlight.impl.launch;

import io.lumen.protocol.moonlight.impl.apps.App;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Map;

/**
 * An app launched for a client: what the RTSP handshake and the streams that follow need to know. A resume makes
 * a new record with the same id (new keys, new tokens), so a stream keyed to one record never sees the next one's
 * keys.
 *
 * @param clientFingerprint the certificate of the client that launched or last resumed it
 * @param clientAddress     where that {@code /launch} or {@code /resume} came from: the only address whose RTSP
 *                          handshake, pings and control connection the launch takes
 * @param id                a non-zero number for the {@code gamesession} reply
 * @param tokens            what the client echoes on the UDP streams so the host knows its packets
 * @param captureOptions    what every capture of the launch is asked for: the app's capture line, the pid of what
 *                          runs, and what an app host needs to find it again
 */
public record LaunchSession(int id, App app, String clientName, String clientFingerprint,
                            InetAddress clientAddress, LaunchParameters parameters, StreamTokens tokens,
                            Instant started, Map<String, String> captureOptions) {

    public LaunchSession {
        captureOptions = Map.copyOf(captureOptions);
    }
}
