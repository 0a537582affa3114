package io.lumen.protocol.moonlight.impl.rtsp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Cuts one request out of the byte stream, in the framing the launch uses. Encrypted: a big-endian length word
 * with the top bit set, a big-endian counter, the 16-byte tag, the ciphertext ({@link Sealed} out). Plain: the
 * headers up to a blank line and a body of Content-length bytes ({@code byte[]} out). Anything longer than
 * {@link RtspRequest#MAX_MESSAGE} or not in the expected framing is a {@link CorruptedFrameException}.
 */
final class RtspFrameDecoder extends ByteToMessageDecoder {

    static final int ENCRYPTED_BIT = 0x80000000;
    static final int SEALED_HEADER = 24;
    private static final byte[] HEAD_END = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    /** An encrypted request: its counter and its tag followed by the ciphertext. */
    record Sealed(int counter, byte[] tagAndCiphertext) {
    }

    private final boolean encrypted;
    /** How far from the reader index the blank line is known to be absent. */
    private int searched;

    RtspFrameDecoder(boolean encrypted) {
        this.encrypted = encrypted;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        Object message = encrypted ? sealed(in) : plain(in);
        if (message != null) {
            out.add(message);
        }
    }

    private static Sealed sealed(ByteBuf in) {
        if (in.readableBytes() < 4) {
            return null;
        }
        int typeAndLength = in.getInt(in.readerIndex());
        if ((typeAndLength & ENCRYPTED_BIT) == 0) {
            throw new CorruptedFrameException("an unencrypted message where this launch encrypts RTSP");
        }
        int length = typeAndLength & ~ENCRYPTED_BIT;
        if (length > RtspRequest.MAX_MESSAGE) {
            throw new CorruptedFrameException("message of " + length + " bytes exceeds " + RtspRequest.MAX_MESSAGE);
        }
        if (in.readableBytes() < SEALED_HEADER + length) {
            return null;
        }
        in.skipBytes(4);
        int counter = in.readInt();
        byte[] sealed = new byte[16 + length];
        in.readBytes(sealed);
        return new Sealed(counter, sealed);
    }

    private byte[] plain(ByteBuf in) {
        int headEnd = headEnd(in);
        if (headEnd < 0) {
            if (in.readableBytes() > RtspRequest.MAX_MESSAGE) {
                throw new CorruptedFrameException("no end of headers within " + RtspRequest.MAX_MESSAGE + " bytes");
            }
            return null;
        }
        String head = in.toString(in.readerIndex(), headEnd, StandardCharsets.ISO_8859_1);
        int bodyLength = contentLength(head);
        long total = (long) headEnd + HEAD_END.length + bodyLength; // a length near 2^31 must not wrap below the cap
        if (total > RtspRequest.MAX_MESSAGE) {
            throw new CorruptedFrameException("message of " + total + " bytes exceeds " + RtspRequest.MAX_MESSAGE);
        }
        if (in.readableBytes() < total) {
            return null;
        }
        byte[] message = new byte[(int) total];
        in.readBytes(message);
        searched = 0;
        return message;
    }

    /**
     * Bytes before the blank line, from the reader index; -1 while it has not arrived. The search goes on where
     * the last one stopped, so headers trickling in a byte at a time cost one pass, not one per byte.
     */
    private int headEnd(ByteBuf in) {
        int start = in.readerIndex();
        int end = in.writerIndex() - HEAD_END.length;
        for (int i = start + searched; i <= end; i++) {
            if (in.getByte(i) == '\r' && in.getByte(i + 1) == '\n' && in.getByte(i + 2) == '\r'
                    && in.getByte(i + 3) == '\n') {
                return i - start;
            }
        }
        searched = Math.max(searched, end + 1 - start);
        return -1;
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase("Content-length")) {
                try {
                    int length = Integer.parseInt(line.substring(colon + 1).strip());
                    if (length < 0) {
                        throw new NumberFormatException();
                    }
                    return length;
                } catch (NumberFormatException e) {
                    throw new CorruptedFrameException("Content-length is not a length");
                }
            }
        }
        return 0;
    }
}
