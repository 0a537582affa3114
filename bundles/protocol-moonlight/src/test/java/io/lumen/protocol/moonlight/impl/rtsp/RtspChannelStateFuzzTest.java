package io.lumen.protocol.moonlight.impl.rtsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.lumen.api.media.VideoMode;
import io.lumen.protocol.moonlight.impl.apps.App;
import io.lumen.protocol.moonlight.impl.apps.AppCapture;
import io.lumen.protocol.moonlight.impl.crypto.GcmCipher;
import io.lumen.protocol.moonlight.impl.launch.LaunchParameters;
import io.lumen.protocol.moonlight.impl.launch.LaunchSession;
import io.lumen.protocol.moonlight.impl.launch.StreamTokens;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Coverage-guided, the encrypted RTSP envelope of one launch with a fixed key: a sequence of messages, each either
 * raw bytes under any counter or honestly sealed by the client (then perhaps altered in one bit). Only an
 * {@link RtspException} escapes {@link RtspChannelState#open}; an intact message under a new counter opens to its
 * plaintext, anything altered or replayed is refused (the counter model: strictly increasing, unsigned).
 */
class RtspChannelStateFuzzTest {

    private static final byte[] KEY = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    private static final LaunchSession LAUNCH = new LaunchSession(1,
            new App(1, "Desktop", "", AppCapture.CONFIGURED, Optional.empty()), "fuzz", "00",
            InetAddress.getLoopbackAddress(),
            new LaunchParameters(new VideoMode(1280, 720, 60), KEY, 0, LaunchParameters.STEREO, 1, false, false, 1,
                    false),
            new StreamTokens("0123456789ABCDEF", 42), Instant.EPOCH, Map.of());

    @FuzzTest
    void open(FuzzedDataProvider data) {
        RtspChannelState state = new RtspChannelState(LAUNCH);
        long last = 0;
        for (int messages = data.consumeInt(1, 8); messages > 0 && data.remainingBytes() > 0; messages--) {
            int counter = data.consumeInt();
            boolean honest = data.consumeBoolean();
            byte[] body = data.consumeBytes(data.consumeInt(0, 600));
            boolean expectOpen = false;
            byte[] sealed = body;
            if (honest) {
                // a fresh cipher per seal: one Cipher refuses to encrypt twice under one IV
                sealed = new GcmCipher(KEY).seal(GcmCipher.counterIv(counter, 'C', 'R'), body);
                int flip = data.consumeInt(-1, sealed.length * 8 - 1);
                if (flip >= 0) {
                    sealed[flip / 8] ^= (byte) (1 << (flip % 8));
                }
                expectOpen = flip < 0 && Integer.toUnsignedLong(counter) > last;
            }
            try {
                byte[] plain = state.open(counter, sealed);
                if (!expectOpen) {
                    fail((honest ? "an altered or replayed" : "a raw") + " message under counter "
                            + Integer.toUnsignedString(counter) + " was opened");
                }
                assertArrayEquals(body, plain);
                last = Integer.toUnsignedLong(counter);
            } catch (RtspException refused) {
                assertEquals(400, refused.status());
                if (expectOpen) {
                    fail("an intact message under the new counter " + Integer.toUnsignedString(counter)
                            + " was refused: " + refused.getMessage());
                }
            }
        }
    }
}
