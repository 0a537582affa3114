package io.lumen.protocol.moonlight.impl.rtsp;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One parsed RTSP request. Header names match without regard to case; a client sends each once.
 *
 * @param target the request URI ({@code rtspenc://host:48010}, {@code streamid=video/0/0}, {@code /})
 */
public record RtspRequest(String method, String target, int cseq, Map<String, String> headers, String body) {

    /** Far above the largest ANNOUNCE a client sends (about 2 KB), far below anything that could hurt. */
    public static final int MAX_MESSAGE = 16 * 1024;

    public RtspRequest {
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        headers = Collections.unmodifiableMap(copy);
    }

    public String header(String name) {
        return headers.get(name);
    }

    /**
     * Parses a whole message: request line, headers, blank line, then the body (as long as Content-length says,
     * or the rest).
     *
     * @throws RtspException (400) naming what is wrong; the CSeq it carries is 0 when none could be read
     */
    public static RtspRequest parse(byte[] message) throws RtspException {
        if (message.length > MAX_MESSAGE) {
            throw new RtspException(400, 0, "message of " + message.length + " bytes exceeds " + MAX_MESSAGE);
        }
        String text = new String(message, StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        int bodyStart = headEnd + 4;
        if (headEnd < 0) {
            throw new RtspException(400, 0, "no blank line ends the headers");
        }
        String[] lines = text.substring(0, headEnd).split("\r\n", -1);
        String[] requestLine = lines[0].split(" ", -1);
        if (requestLine.length != 3 || requestLine[0].isEmpty() || requestLine[1].isEmpty()
                || !requestLine[2].equals("RTSP/1.0")) {
            throw new RtspException(400, 0, "malformed request line \"" + abbreviate(lines[0]) + "\"");
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            String name = colon < 0 ? "" : lines[i].substring(0, colon).strip();
            if (name.isEmpty()) {
                throw new RtspException(400, 0, "malformed header line \"" + abbreviate(lines[i]) + "\"");
            }
            headers.put(name, lines[i].substring(colon + 1).strip());
        }
        int cseq = number(headers.get("CSeq"), "CSeq", 0);
        String body = text.substring(bodyStart);
        String length = headers.get("Content-length");
        if (length != null) {
            int declared = number(length, "Content-length", cseq);
            if (declared > body.length()) {
                throw new RtspException(400, cseq, "body shorter (" + body.length() + ") than its Content-length ("
                        + declared + ")");
            }
            body = body.substring(0, declared);
        }
        return new RtspRequest(requestLine[0], requestLine[1], cseq, headers, body);
    }

    private static int number(String text, String name, int cseq) throws RtspException {
        if (text == null) {
            throw new RtspException(400, cseq, name + " is missing");
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new RtspException(400, cseq, name + " is not a number: \"" + abbreviate(text) + "\"");
        }
    }

    static String abbreviate(String text) {
        String printable = text.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() <= 60 ? printable : printable.substring(0, 60) + "...";
    }
}
