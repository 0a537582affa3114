package io.lumen.protocol.moonlight.impl.rtsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.CorruptedFrameException;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Coverage-guided, the plain RTSP path a client reaches before any check: the framing cuts a TCP byte stream,
 * arriving in pieces of any size, into messages or refuses it with a {@link CorruptedFrameException}, and never
 * loses or invents a byte; a message parses to a request or an {@link RtspException}. Any other throwable is a
 * finding. The encrypted envelope has its own test ({@link RtspChannelStateFuzzTest}).
 */
class RtspFuzzTest {

    @FuzzTest
    void framing(FuzzedDataProvider data) {
        boolean encrypted = data.consumeBoolean();
        int piece = data.consumeInt(1, 97);
        byte[] stream = data.consumeRemainingAsBytes();
        RtspFrameDecoder decoder = new RtspFrameDecoder(encrypted);
        ByteBuf received = Unpooled.buffer();
        ByteArrayOutputStream framed = new ByteArrayOutputStream();
        try {
            for (int at = 0; at < stream.length; at += piece) {
                received.writeBytes(stream, at, Math.min(piece, stream.length - at));
                decodeAll(decoder, received, framed);
            }
        } catch (CorruptedFrameException refused) {
            return;
        }
        byte[] out = framed.toByteArray();
        assertArrayEquals(Arrays.copyOf(stream, out.length), out, "the framing hands on exactly what arrived");
        assertEquals(stream.length - out.length, received.readableBytes(), "what is not framed yet is kept");
    }

    @FuzzTest
    void requests(byte[] message) {
        RtspRequest request;
        try {
            request = RtspRequest.parse(message);
        } catch (RtspException refused) {
            assertEquals(400, refused.status());
            return;
        }
        assertTrue(request.cseq() >= 0);
        assertTrue(request.body().length() <= message.length);
        assertTrue(request.headers().keySet().stream().noneMatch(String::isEmpty), request.headers()::toString);
        String head = new String(message, StandardCharsets.ISO_8859_1);
        assertTrue(head.startsWith(request.method() + " " + request.target() + " RTSP/1.0\r\n"), head);
    }

    /**
     * What Netty's ByteToMessageDecoder does with the decoder on each read, without a channel (whose pipeline would
     * cost most of each execution): decode while messages come out, stop when it waits for more bytes.
     */
    private static void decodeAll(RtspFrameDecoder decoder, ByteBuf received, ByteArrayOutputStream framed) {
        List<Object> out = new ArrayList<>();
        while (received.isReadable()) {
            int before = received.readableBytes();
            decoder.decode(null, received, out);
            if (out.isEmpty()) {
                assertEquals(before, received.readableBytes(), "bytes consumed without a message");
                return;
            }
            assertTrue(received.readableBytes() < before, "a message out of no bytes");
            for (Object message : out) {
                framed.writeBytes(wireForm(message));
            }
            out.clear();
        }
    }

    /** The bytes a framed message stood for on the wire. */
    private static byte[] wireForm(Object message) {
        if (message instanceof byte[] plain) {
            return plain;
        }
        RtspFrameDecoder.Sealed sealed = (RtspFrameDecoder.Sealed) message;
        int length = sealed.tagAndCiphertext().length - 16;
        return ByteBuffer.allocate(8 + sealed.tagAndCiphertext().length).putInt(RtspFrameDecoder.ENCRYPTED_BIT | length)
                .putInt(sealed.counter()).put(sealed.tagAndCiphertext()).array();
    }
}
