package io.lumen.protocol.moonlight.impl.control;

/**
 * One control-stream message as both sides frame it inside the (decrypted) ENet packet: a little-endian type, a
 * little-endian payload length, the payload (moonlight-common-c's NVCTL_ENET_PACKET_HEADER_V2).
 */
public record ControlMessage(int type, byte[] payload) {

    /** Client to host (moonlight-common-c's gen-7 encrypted table, and Sunshine's extensions). */
    public static final int START_A_OR_IDR_REQUEST = 0x0302;
    public static final int START_B = 0x0307;
    public static final int INVALIDATE_REFERENCE_FRAMES = 0x0301;
    public static final int LOSS_STATS = 0x0201;
    public static final int PERIODIC_PING = 0x0200;
    public static final int INPUT = 0x0206;
    public static final int FRAME_FEC_STATUS = 0x5502;
    public static final int LTR_FRAME_ACK = 0x0350;
    /** Host to client. */
    public static final int TERMINATION = 0x0109;
    public static final int RUMBLE = 0x010b;
    public static final int HDR_MODE = 0x010e;

    /** moonlight-common-c reports 0x80030023 as a graceful end ("the host ended the stream"). */
    public static final int TERMINATED_GRACEFULLY = 0x80030023;

    public ControlMessage {
        payload = payload.clone();
        if (payload.length > 0xffff) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes");
        }
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public int length() {
        return payload.length;
    }

    /** The framed bytes: LE16 type, LE16 length, payload. */
    public byte[] bytes() {
        byte[] out = new byte[4 + payload.length];
        out[0] = (byte) type;
        out[1] = (byte) (type >>> 8);
        out[2] = (byte) payload.length;
        out[3] = (byte) (payload.length >>> 8);
        System.arraycopy(payload, 0, out, 4, payload.length);
        return out;
    }

    /**
     * Reads a framed message; the length field must match what follows.
     *
     * @throws IllegalArgumentException for a runt or a length that disagrees
     */
    public static ControlMessage parse(byte[] framed) {
        if (framed.length < 4) {
            throw new IllegalArgumentException("runt control message of " + framed.length + " bytes");
        }
        int type = (framed[0] & 0xff) | (framed[1] & 0xff) << 8;
        int length = (framed[2] & 0xff) | (framed[3] & 0xff) << 8;
        if (length != framed.length - 4) {
            throw new IllegalArgumentException("control message 0x" + Integer.toHexString(type) + " says "
                    + length + " payload bytes but has " + (framed.length - 4));
        }
        byte[] payload = new byte[length];
        System.arraycopy(framed, 4, payload, 0, length);
        return new ControlMessage(type, payload);
    }

    /** The graceful termination the host sends before it ends a stream: the HRESULT big-endian. */
    public static ControlMessage termination(int hresult) {
        return new ControlMessage(TERMINATION, new byte[] {(byte) (hresult >>> 24), (byte) (hresult >>> 16),
                (byte) (hresult >>> 8), (byte) hresult});
    }

    /**
     * The HDR state the client should set its display to: a flag, then Sunshine's SS_HDR_METADATA (display
     * primaries, white point, luminances, content light levels; little-endian 16-bit each), zero when unknown.
     */
    public static ControlMessage hdrMode(boolean enabled) {
        byte[] payload = new byte[1 + HDR_METADATA_BYTES];
        payload[0] = (byte) (enabled ? 1 : 0);
        return new ControlMessage(HDR_MODE, payload);
    }

    /** 3 primaries and the white point (x, y each), max/min display luminance, MaxCLL, MaxFALL, max full frame. */
    static final int HDR_METADATA_BYTES = 13 * 2;

    @Override
    public String toString() {
        return "0x" + Integer.toHexString(type) + "(" + payload.length + " bytes)";
    }
}
