package io.lumen.protocol.moonlight.impl.launch;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The identifiers a launch hands the client in the RTSP SETUP replies, which it then echoes: the 16-character
 * ping payload on the video and audio ports ({@code X-SS-Ping-Payload}) and the ENet connect data on the control
 * port ({@code X-SS-Connect-Data}). They tell this launch's packets from anyone else's.
 */
public record StreamTokens(String pingPayload, int connectData) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public StreamTokens {
        if (pingPayload.length() != 16) {
            throw new IllegalArgumentException("a ping payload is 16 characters: " + pingPayload);
        }
    }

    public static StreamTokens random() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return new StreamTokens(HexFormat.of().withUpperCase().formatHex(bytes), RANDOM.nextInt());
    }
}
