package io.lumen.protocol.moonlight.impl.launch;

import io.lumen.protocol.moonlight.impl.apps.App;

import java.time.Instant;

/**
 * An app launched for a client: what the RTSP handshake and the streams that follow need to know. A resume makes
 * a new record with the same id (new keys, new tokens), so a stream keyed to one record never sees the next one's
 * keys.
 *
 * @param clientFingerprint the certificate of the client that launched or last resumed it
 * @param id                a non-zero number for the {@code gamesession} reply
 * @param tokens            what the client echoes on the UDP streams so the host knows its packets
 */
public record LaunchSession(int id, App app, String clientName, String clientFingerprint,
                            LaunchParameters parameters, StreamTokens tokens, Instant started) {
}
