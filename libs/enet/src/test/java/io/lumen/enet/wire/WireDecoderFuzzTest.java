package io.lumen.enet.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;

/**
 * Coverage-guided: any bytes either decode to a datagram that encodes back to exactly those bytes, or are refused
 * with a {@link WireException}; any other throwable is a finding. Plain {@code mvn test} replays the committed
 * inputs under {@code WireDecoderFuzzTestInputs/}; tools/fuzz runs it as a fuzzer.
 */
class WireDecoderFuzzTest {

    @FuzzTest
    void decodeThenEncodeGivesTheSameBytes(byte[] bytes) {
        Datagram datagram;
        try {
            datagram = WireDecoder.decode(ByteBuffer.wrap(bytes));
        } catch (WireException refused) {
            return;
        }
        // every header and command bit is a field, so the encoding is the identity on what decodes
        ByteBuffer out = ByteBuffer.allocate(bytes.length);
        WireEncoder.encode(datagram, out);
        assertArrayEquals(bytes, out.array());
    }
}
