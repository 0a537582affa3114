package io.lumen.protocol.moonlight.impl.rtsp;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One RTSP reply as Moonlight clients parse it: status line, {@code CSeq} first, the other headers, a blank line
 * and the body. No Content-length: the client reads until the host closes the connection.
 */
public final class RtspResponse {

    private final int status;
    private final int cseq;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String body = "";

    private RtspResponse(int status, int cseq) {
        this.status = status;
        this.cseq = cseq;
    }

    public static RtspResponse ok(int cseq) {
        return new RtspResponse(200, cseq);
    }

    public static RtspResponse status(int status, int cseq) {
        return new RtspResponse(status, cseq);
    }

    public RtspResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public RtspResponse body(String text) {
        body = text;
        return this;
    }

    public int status() {
        return status;
    }

    public byte[] bytes() {
        StringBuilder out = new StringBuilder(128 + body.length());
        out.append("RTSP/1.0 ").append(status).append(' ').append(reason(status)).append("\r\n");
        out.append("CSeq: ").append(cseq).append("\r\n");
        headers.forEach((name, value) -> out.append(name).append(": ").append(value).append("\r\n"));
        out.append("\r\n").append(body);
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "BAD REQUEST";
            case 403 -> "Forbidden";
            case 404 -> "NOT FOUND";
            case 451 -> "Parameter Not Understood";
            case 454 -> "Session Not Found";
            case 503 -> "Service Unavailable";
            default -> "Internal Server Error";
        };
    }
}
