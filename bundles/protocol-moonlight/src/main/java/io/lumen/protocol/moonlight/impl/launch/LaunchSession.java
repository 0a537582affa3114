package io.lumen.protocol.moonlight.impl.launch;

import io.lumen.protocol.moonlight.impl.apps.App;

import java.time.Instant;

/**
 * An app launched for a client: what the RTSP handshake and the streams that follow need to know.
 *
 * @param clientFingerprint the certificate of the client that launched or last resumed it
 * @param id                a non-zero number for the {@code gamesession} reply
 */
public record LaunchSession(int id, App app, String clientName, String clientFingerprint,
                            LaunchParameters parameters, Instant started) {
}
