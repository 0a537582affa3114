package io.lumen.protocol.moonlight.impl.rtsp;

import io.lumen.api.media.Codec;
import io.lumen.protocol.moonlight.impl.launch.LaunchSession;
import io.lumen.protocol.moonlight.impl.stream.EncryptionGate;
import io.lumen.protocol.moonlight.impl.stream.StreamCapabilities;
import io.lumen.protocol.moonlight.impl.stream.StreamHost;
import io.lumen.protocol.moonlight.impl.stream.StreamParameters;
import io.lumen.protocol.moonlight.impl.stream.StreamRefused;
import io.lumen.protocol.moonlight.impl.video.VideoFecScheme;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The five requests of a Moonlight RTSP handshake, answered for one launch (PROTOCOL-DETAIL.md 3): OPTIONS,
 * DESCRIBE (what the host offers), SETUP per stream (its port and the tokens the client echoes), ANNOUNCE (the
 * client's choices, which start the streams) and PLAY. No transport here: the server hands in parsed requests.
 */
final class RtspCommands {

    /** Only the part before ';' matters to clients; the timeout is what Sunshine sends. */
    static final String SESSION = "DEADBEEFCAFE;timeout = 90";
    /** The DESCRIBE request header with which a client says which lumen extensions it speaks ("fec"). */
    static final String EXTENSIONS_HEADER = "X-Lumen-Extensions";
    /** The DESCRIBE attribute listing the video FEC schemes on offer, for a client that speaks the extension. */
    static final String FEC_SCHEMES_ATTRIBUTE = "x-lumen-fec.schemes";
    /** The reason a FEC scheme was refused, on the error reply (stock clients never ask for one). */
    static final String FEC_ERROR_HEADER = "X-Lumen-Fec-Error";
    /** Why the host refused the encryption a client announced, or its downgrade (a lumen client reads it). */
    static final String ENCRYPTION_ERROR_HEADER = "X-Lumen-Encryption-Error";
    /** RTSP's "Parameter Not Understood": the scheme asked for is unknown, disabled or has no codec now. */
    static final int SCHEME_REFUSED = 451;

    private final StreamHost streams;
    private final System.Logger log;

    RtspCommands(StreamHost streams, System.Logger log) {
        this.streams = streams;
        this.log = log;
    }

    RtspResponse answer(RtspRequest request, LaunchSession launch, InetAddress client) throws RtspException {
        return switch (request.method()) {
            case "OPTIONS", "PLAY" -> RtspResponse.ok(request.cseq());
            case "DESCRIBE" -> RtspResponse.ok(request.cseq()).body(describe(streams.capabilities(),
                    speaksLumenFec(request)));
            case "SETUP" -> setup(request, launch);
            case "ANNOUNCE" -> announce(request, launch, client);
            default -> throw new RtspException(404, request.cseq(), "unknown method " + request.method());
        };
    }

    /**
     * Whether the client asked to see lumen's FEC extension ({@value #EXTENSIONS_HEADER} naming "fec"): stock
     * clients never do, and get the reply byte for byte as before.
     */
    static boolean speaksLumenFec(RtspRequest request) {
        String extensions = request.header(EXTENSIONS_HEADER);
        if (extensions == null) {
            return false;
        }
        for (String extension : extensions.split(",")) {
            if (extension.strip().equalsIgnoreCase("fec")) {
                return true;
            }
        }
        return false;
    }

    /** Clients search this text for attributes (strstr), so each stands on its own line. */
    static String describe(StreamCapabilities offer) {
        return describe(offer, false);
    }

    /** The reply, with the FEC schemes on offer for a client that asked to see lumen's extension. */
    static String describe(StreamCapabilities offer, boolean lumenFec) {
        StringBuilder sdp = new StringBuilder();
        sdp.append("a=x-ss-general.featureFlags:").append(Integer.toUnsignedString(offer.featureFlags())).append('\n');
        sdp.append("a=x-ss-general.encryptionSupported:").append(offer.encryptionSupported()).append('\n');
        sdp.append("a=x-ss-general.encryptionRequested:").append(offer.encryptionRequested()).append('\n');
        // a client whose decoder can invalidate references then names the frames it lost instead of asking for an
        // IDR and waiting for the next whole frame to do it; the session heals them the cheapest way its encoder can
        sdp.append("a=x-nv-video[0].refPicInvalidation:1\n");
        if (offer.hevc()) {
            sdp.append("sprop-parameter-sets=AAAAAU\n"); // the start of a base64 HEVC VPS: "HEVC is offered"
        }
        if (offer.av1()) {
            sdp.append("a=rtpmap:98 AV1/90000\n");
        }
        for (String line : offer.surroundLines()) {
            sdp.append(line).append('\n');
        }
        if (lumenFec) {
            sdp.append("a=").append(FEC_SCHEMES_ATTRIBUTE).append(':').append(String.join(",", offer.fecSchemes()))
                    .append('\n');
        }
        return sdp.toString();
    }

    private RtspResponse setup(RtspRequest request, LaunchSession launch) throws RtspException {
        String stream = streamType(request.target());
        int port;
        try {
            port = streams.setup(launch, stream);
        } catch (StreamRefused refused) {
            throw new RtspException(refused.status(), request.cseq(), "SETUP " + stream + ": " + refused.getMessage());
        }
        RtspResponse response = RtspResponse.ok(request.cseq()).header("Session", SESSION)
                .header("Transport", "server_port=" + port);
        if (stream.equals("control")) {
            response.header("X-SS-Connect-Data", Integer.toUnsignedString(launch.tokens().connectData()));
        } else {
            response.header("X-SS-Ping-Payload", launch.tokens().pingPayload());
        }
        return response;
    }

    /** {@code streamid=video/0/0} names "video"; so do older forms without the numbers. */
    private static String streamType(String target) throws RtspException {
        int equals = target.indexOf('=');
        int slash = target.indexOf('/', equals + 1);
        String type = equals < 0 ? "" : target.substring(equals + 1, slash < 0 ? target.length() : slash);
        if (!type.equals("audio") && !type.equals("video") && !type.equals("control")) {
            throw new RtspException(404, 0, "SETUP of an unknown stream \"" + RtspRequest.abbreviate(target) + "\"");
        }
        return type;
    }

    private RtspResponse announce(RtspRequest request, LaunchSession launch, InetAddress client)
            throws RtspException {
        StreamParameters parameters;
        try {
            parameters = StreamParameters.fromAnnounce(sdpAttributes(request.body()), request.header("Host"));
        } catch (IllegalArgumentException e) {
            throw new RtspException(400, request.cseq(), "ANNOUNCE: " + e.getMessage());
        }
        StreamCapabilities offer = streams.capabilities();
        String scheme = parameters.fecScheme();
        if (!offer.fecSchemes().contains(scheme)) {
            String why = offer.fecDisabled().contains(scheme) ? "is disabled on this host (fec.schemes)"
                    : VideoFecScheme.byId(scheme).isPresent() ? "has no codec registered now (is io.lumen.fec.leopard"
                    + " active?)" : "is unknown";
            throw new RtspException(SCHEME_REFUSED, request.cseq(), "ANNOUNCE asks for the video FEC scheme \""
                    + scheme + "\", which " + why + "; offered: " + String.join(", ", offer.fecSchemes()),
                    FEC_ERROR_HEADER);
        }
        if (parameters.codec() == Codec.HEVC && !offer.hevc() || parameters.codec() == Codec.AV1 && !offer.av1()) {
            throw new RtspException(400, request.cseq(), "ANNOUNCE asks for " + parameters.codec()
                    + ", which no available encoder produces");
        }
        try {
            streams.announce(launch, parameters, client);
        } catch (StreamRefused refused) {
            throw new RtspException(refused.status(), request.cseq(), "ANNOUNCE: " + refused.getMessage(),
                    refused.status() == EncryptionGate.REFUSED ? ENCRYPTION_ERROR_HEADER : null);
        }
        log.log(System.Logger.Level.DEBUG, "rtsp: ANNOUNCE accepted " + parameters);
        return RtspResponse.ok(request.cseq());
    }

    /** The {@code a=name:value} lines; the client ends each value with a space, which is not part of it. */
    static Map<String, String> sdpAttributes(String body) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String line : body.split("[\r\n]+")) {
            if (!line.startsWith("a=")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            attributes.putIfAbsent(line.substring(2, colon), line.substring(colon + 1).strip());
        }
        return attributes;
    }
}
