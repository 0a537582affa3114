package io.lumen.testkit.wayland;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One message in the Wayland wire format, for {@link ScriptedCompositor}: a header of the object id and (size << 16 |
 * opcode), then 32-bit arguments in the host's byte order; a string is its length with the NUL, its bytes, the NUL,
 * padded to 4 bytes.
 */
public final class WireMessage {

    public static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private final int object;
    private final int opcode;
    private final ByteArrayOutputStream args = new ByteArrayOutputStream();

    public WireMessage(int object, int opcode) {
        this.object = object;
        this.opcode = opcode;
    }

    public WireMessage u(int value) {
        args.writeBytes(ByteBuffer.allocate(4).order(ORDER).putInt(value).array());
        return this;
    }

    public WireMessage s(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        u(bytes.length + 1);
        args.writeBytes(bytes);
        int padded = (bytes.length + 1 + 3) & ~3;
        args.writeBytes(new byte[padded - bytes.length]);
        return this;
    }

    public ByteBuffer encode() {
        byte[] body = args.toByteArray();
        ByteBuffer buffer = ByteBuffer.allocate(8 + body.length).order(ORDER);
        buffer.putInt(object).putInt(((8 + body.length) << 16) | opcode).put(body).flip();
        return buffer;
    }

    /** Reads a request's arguments in order. */
    public static final class Reader {
        private final ByteBuffer body;

        public Reader(ByteBuffer body) {
            this.body = body.order(ORDER);
        }

        /** An int, uint, fixed (its raw 24.8 bits), object or new_id argument. */
        public int u() {
            return body.getInt();
        }

        public String s() {
            int length = body.getInt();
            if (length == 0) {
                return null;
            }
            byte[] bytes = new byte[length - 1];
            body.get(bytes);
            body.position(body.position() + ((length + 3) & ~3) - (length - 1));
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
