package io.lumen.protocol.moonlight.impl.input;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Builds input packets field by field, as the client's packed structs lay them out: {@code BE32 size} (the bytes
 * after it), {@code LE32 magic}, then the body. Magic numbers are written out in the tests, not taken from the
 * decoder, so a wrong constant there shows.
 */
final class InputPackets {

    private final int magic;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    private InputPackets(int magic) {
        this.magic = magic;
    }

    static InputPackets magic(int magic) {
        return new InputPackets(magic);
    }

    InputPackets u8(int value) {
        body.write(value);
        return this;
    }

    InputPackets zeros(int count) {
        for (int i = 0; i < count; i++) {
            body.write(0);
        }
        return this;
    }

    InputPackets bytes(byte[] bytes) {
        body.writeBytes(bytes);
        return this;
    }

    InputPackets le16(int value) {
        return put(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) value));
    }

    InputPackets be16(int value) {
        return put(ByteBuffer.allocate(2).order(ByteOrder.BIG_ENDIAN).putShort((short) value));
    }

    InputPackets le32(int value) {
        return put(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value));
    }

    /** A "netfloat". */
    InputPackets leFloat(float value) {
        return put(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value));
    }

    /** The packet with its size field telling the truth. */
    byte[] packet() {
        return packetDeclaring(4 + body.size());
    }

    /** The packet with whatever size field a test wants. */
    byte[] packetDeclaring(int size) {
        byte[] content = body.toByteArray();
        return ByteBuffer.allocate(8 + content.length)
                .order(ByteOrder.BIG_ENDIAN).putInt(size)
                .order(ByteOrder.LITTLE_ENDIAN).putInt(magic)
                .put(content).array();
    }

    private InputPackets put(ByteBuffer field) {
        body.writeBytes(field.array());
        return this;
    }
}
