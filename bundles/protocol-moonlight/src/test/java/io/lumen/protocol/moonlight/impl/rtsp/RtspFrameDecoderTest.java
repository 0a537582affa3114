package io.lumen.protocol.moonlight.impl.rtsp;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RtspFrameDecoderTest {

    /** What the decoder throws for {@code head}; a {@link CorruptedFrameException} is answered 400. */
    private static DecoderException refused(String head) {
        EmbeddedChannel channel = new EmbeddedChannel(new RtspFrameDecoder(false));
        return assertThrows(DecoderException.class,
                () -> channel.writeInbound(Unpooled.copiedBuffer(head, StandardCharsets.ISO_8859_1)));
    }

    @Test
    void aContentLengthNearTwoToTheThirtyOneIsAFramingErrorNotAnOverflow() {
        for (String length : new String[] {"2147483647", "2147483640", "2147483000"}) {
            DecoderException e = refused("ANNOUNCE x RTSP/1.0\r\nCSeq: 1\r\nContent-length: " + length + "\r\n\r\n");
            assertInstanceOf(CorruptedFrameException.class, e, "Content-length " + length + ": " + e);
            assertTrue(e.getMessage().contains("exceeds"), e.getMessage());
        }
    }

    @Test
    void aLengthBeyondAnIntIsNotALength() {
        DecoderException e = refused("OPTIONS x RTSP/1.0\r\nContent-length: 99999999999\r\n\r\n");
        assertInstanceOf(CorruptedFrameException.class, e, e.toString());
    }

    @Test
    void aWholeRequestWithItsBodyComesOut() {
        EmbeddedChannel channel = new EmbeddedChannel(new RtspFrameDecoder(false));
        byte[] request = "ANNOUNCE x RTSP/1.0\r\nCSeq: 2\r\nContent-length: 3\r\n\r\nabc".getBytes(StandardCharsets.ISO_8859_1);
        channel.writeInbound(Unpooled.wrappedBuffer(request, 0, request.length - 1));
        assertTrue(channel.inboundMessages().isEmpty(), "the body is not all there yet");
        channel.writeInbound(Unpooled.wrappedBuffer(request, request.length - 1, 1));
        assertArrayEquals(request, (byte[]) channel.readInbound());
    }
}
