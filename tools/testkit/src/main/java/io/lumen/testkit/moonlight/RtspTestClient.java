package io.lumen.testkit.moonlight;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The RTSP side of a Moonlight client, after moonlight-common-c's RtspConnection.c: one TCP connection per
 * request, read until the host closes, CSeq from 1, and with {@code rtspenc://} every message sealed with AES-GCM
 * under the launch key (a client counter from 1 in the IV with 'C' 'R'; replies carry the host's counter, 'H' 'R').
 */
public final class RtspTestClient {

    private final String host;
    private final int port;
    private final byte[] key;
    private final InetAddress localAddress;
    private int cseq;
    private int counter;

    /** {@code keys} null: plain RTSP, as a client without {@code corever} speaks it. */
    public RtspTestClient(String host, int port, LaunchKeys keys) {
        this(host, port, keys, null);
    }

    /** Connecting from {@code localAddress} (127.0.0.2, say: another machine on the LAN); null: any. */
    public RtspTestClient(String host, int port, LaunchKeys keys, InetAddress localAddress) {
        this.host = host;
        this.port = port;
        this.key = keys == null ? null : keys.rikey();
        this.localAddress = localAddress;
    }

    /** One reply: status, headers (any case), body. */
    public record Reply(int status, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name);
        }
    }

    public Reply request(String method, String target, Map<String, String> headers, String body) throws IOException {
        StringBuilder text = new StringBuilder();
        text.append(method).append(' ').append(target).append(" RTSP/1.0\r\n");
        text.append("CSeq: ").append(++cseq).append("\r\n");
        text.append("X-GS-ClientVersion: 14\r\n");
        headers.forEach((name, value) -> text.append(name).append(": ").append(value).append("\r\n"));
        if (!body.isEmpty()) {
            text.append("Content-length: ").append(body.getBytes(StandardCharsets.ISO_8859_1).length).append("\r\n");
        }
        text.append("\r\n").append(body);
        return exchange(text.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Sends raw bytes as they are (a malformed or replayed message) and parses what comes back, if anything. */
    public Reply exchange(byte[] plain) throws IOException {
        return parse(unseal(roundTrip(seal(plain))));
    }

    /** The bytes of a sealed message, without sending it (a test replays it). */
    public byte[] seal(byte[] plain) {
        if (key == null) {
            return plain;
        }
        int sequence = ++counter;
        ByteBuffer out = ByteBuffer.allocate(8 + ClientGcm.TAG_BYTES + plain.length);
        out.putInt(0x80000000 | plain.length).putInt(sequence);
        return out.put(ClientGcm.seal(key, ClientGcm.iv(sequence, 'C', 'R'), plain)).array();
    }

    /** Sends bytes on a fresh connection and returns everything read until the host closed it. */
    public byte[] roundTrip(byte[] wire) throws IOException {
        try (Socket socket = new Socket()) {
            if (localAddress != null) {
                socket.bind(new InetSocketAddress(localAddress, 0));
            }
            socket.connect(new InetSocketAddress(host, port), 5000);
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(wire);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            in.transferTo(reply);
            return reply.toByteArray();
        }
    }

    private byte[] unseal(byte[] wire) throws IOException {
        if (key == null || wire.length == 0) {
            return wire;
        }
        ByteBuffer in = ByteBuffer.wrap(wire);
        if (wire.length < 24) {
            throw new IOException("reply shorter than the encrypted header: " + wire.length + " bytes");
        }
        int typeAndLength = in.getInt();
        if ((typeAndLength & 0x80000000) == 0) {
            throw new IOException("unencrypted reply on an encrypted launch");
        }
        int length = typeAndLength & 0x7fffffff;
        if (length + 24 != wire.length) {
            throw new IOException("reply length " + length + " does not match the " + wire.length + " bytes read");
        }
        int sequence = in.getInt();
        byte[] plain = ClientGcm.open(key, ClientGcm.iv(sequence, 'H', 'R'), wire, 8);
        if (plain == null) {
            throw new IOException("the reply fails its authentication tag: not sealed with this launch's key");
        }
        return plain;
    }

    private static Reply parse(byte[] message) throws IOException {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        if (!text.startsWith("RTSP/1.0 ") || headEnd < 0) {
            throw new IOException("not an RTSP reply: \"" + text.substring(0, Math.min(60, text.length())) + "\"");
        }
        String[] lines = text.substring(0, headEnd).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String line : Arrays.copyOfRange(lines, 1, lines.length)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon), line.substring(colon + 1).strip());
        }
        return new Reply(status, headers, text.substring(headEnd + 4));
    }

    /**
     * What the client learns in a whole handshake.
     *
     * @param announced the offer as the client announced it, after negotiating encryption with the DESCRIBE reply
     */
    public record Handshake(String describe, int audioPort, int videoPort, int controlPort, String pingPayload,
                            long connectData, StreamOffer announced) {

        /** The SS_ENC bits the client enabled. */
        public int encryption() {
            return announced.encryption();
        }
    }

    /**
     * OPTIONS, DESCRIBE, SETUP audio, video and control, ANNOUNCE {@code offer} as negotiated with the DESCRIBE
     * reply ({@link StreamOffer#negotiated}), PLAY, in moonlight-common-c's order; any status but 200 is an
     * {@link IOException} naming the request.
     */
    public Handshake handshake(String url, StreamOffer offer) throws IOException {
        expectOk("OPTIONS", request("OPTIONS", url, Map.of(), ""));
        Map<String, String> describeHeaders = new LinkedHashMap<>();
        describeHeaders.put("Accept", "application/sdp");
        describeHeaders.put("If-Modified-Since", "Thu, 01 Jan 1970 00:00:00 GMT");
        if (offer.fecScheme() != null) {
            describeHeaders.put(EXTENSIONS_HEADER, "fec");
        }
        Reply describe = expectOk("DESCRIBE", request("DESCRIBE", url, describeHeaders, ""));
        Map<String, String> transport = new LinkedHashMap<>();
        transport.put("Transport", "unicast;X-GS-ClientPort=50000-50001");
        transport.put("If-Modified-Since", "Thu, 01 Jan 1970 00:00:00 GMT");
        Reply audio = expectOk("SETUP audio", request("SETUP", "streamid=audio/0/0", transport, ""));
        String session = audio.header("Session").split(";")[0];
        Map<String, String> withSession = new LinkedHashMap<>(transport);
        withSession.put("Session", session);
        Reply video = expectOk("SETUP video", request("SETUP", "streamid=video/0/0", withSession, ""));
        Reply control = expectOk("SETUP control", request("SETUP", "streamid=control/13/0", withSession, ""));
        StreamOffer announced = offer.negotiated(sdpNumber(describe.body(), "x-ss-general.encryptionSupported"),
                sdpNumber(describe.body(), "x-ss-general.encryptionRequested"));
        expectOk("ANNOUNCE", request("ANNOUNCE", "streamid=control/13/0",
                Map.of("Session", session, "Content-type", "application/sdp"), announced.sdp(host)));
        expectOk("PLAY", request("PLAY", "/", Map.of("Session", session), ""));
        return new Handshake(describe.body(), serverPort(audio), serverPort(video), serverPort(control),
                video.header("X-SS-Ping-Payload"), Long.parseLong(control.header("X-SS-Connect-Data")),
                announced);
    }

    /** An {@code a=name:number} attribute of a DESCRIBE reply; 0 when absent, as moonlight-common-c takes it. */
    static int sdpNumber(String describe, String name) {
        for (String line : describe.split("[\r\n]+")) {
            if (line.startsWith("a=" + name + ":")) {
                return Integer.parseUnsignedInt(line.substring(name.length() + 3).strip());
            }
        }
        return 0;
    }

    /** The DESCRIBE request header with which a client asks to see lumen's extensions. */
    public static final String EXTENSIONS_HEADER = "X-Lumen-Extensions";
    /** The DESCRIBE attribute listing the FEC schemes on offer. */
    public static final String FEC_SCHEMES_ATTRIBUTE = "x-lumen-fec.schemes";

    /** The FEC schemes a DESCRIBE reply offers, none when it has no lumen attribute. */
    public static java.util.List<String> fecSchemesOffered(String describe) {
        for (String line : describe.split("[\r\n]+")) {
            if (line.startsWith("a=" + FEC_SCHEMES_ATTRIBUTE + ":")) {
                return java.util.List.of(line.substring(FEC_SCHEMES_ATTRIBUTE.length() + 3).strip().split(","));
            }
        }
        return java.util.List.of();
    }

    private static Reply expectOk(String what, Reply reply) throws IOException {
        if (reply.status() != 200) {
            String why = reply.header("X-Lumen-Fec-Error");
            why = why != null ? why : reply.header("X-Lumen-Encryption-Error");
            throw new IOException("RTSP " + what + " answered " + reply.status() + (why == null ? "" : ": " + why));
        }
        return reply;
    }

    private static int serverPort(Reply reply) throws IOException {
        String transport = reply.header("Transport");
        int at = transport == null ? -1 : transport.indexOf("server_port=");
        if (at < 0) {
            throw new IOException("no server_port in Transport: " + transport);
        }
        return Integer.parseInt(transport.substring(at + "server_port=".length()).split("[;-]")[0].strip());
    }
}
