package io.lumen.protocol.moonlight.impl.stream;

import java.util.List;

/**
 * What the host offers in its DESCRIBE reply, at the moment of asking: a client picks HEVC or AV1 only when the
 * reply names them, and the encryption it may turn on only from the bits offered.
 *
 * @param surroundLines the {@code a=fmtp:97 surround-params=} lines, normal quality before high quality per layout
 * @param fecSchemes    the video FEC schemes a stream may use now: enabled on this host and with a codec registered
 * @param fecDisabled   schemes this host knows but does not offer (its setting), to tell a client that asks why
 */
public record StreamCapabilities(boolean hevc, boolean av1, int encryptionSupported, int encryptionRequested,
                                 int featureFlags, List<String> surroundLines, List<String> fecSchemes,
                                 List<String> fecDisabled) {

    public StreamCapabilities {
        surroundLines = List.copyOf(surroundLines);
        fecSchemes = List.copyOf(fecSchemes);
        fecDisabled = List.copyOf(fecDisabled);
    }
}
