package io.lumen.protocol.moonlight.impl.http;

import io.lumen.protocol.moonlight.impl.identity.Certificates;
import io.lumen.protocol.moonlight.impl.query.Printable;
import io.lumen.protocol.moonlight.impl.pairing.PairingFailure;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.concurrent.CompletionException;

/**
 * {@code /pair}: phases 1 to 4 over HTTP, told apart by their parameters, and {@code phrase=pairchallenge}
 * over HTTPS, which only a just-paired certificate reaches. A refused step is {@code <paired>0</paired>}, which
 * makes the client stop and call {@code /unpair}.
 */
final class PairEndpoint {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final NvContext context;

    PairEndpoint(NvContext context) {
        this.context = context;
    }

    void handle(NvRequest request) {
        String uniqueId = request.query().required("uniqueid");
        String phrase = request.query().first("phrase");
        try {
            if ("pairchallenge".equals(phrase)) {
                if (request.client() == null) {
                    request.error(400, "pairchallenge is sent over HTTPS with the paired certificate");
                } else {
                    request.ok(new NvXml().put("paired", 1));
                }
            } else if ("getservercert".equals(phrase)) {
                serverCertificate(request, uniqueId);
            } else if (request.query().has("clientchallenge")) {
                byte[] response = context.pairing().clientChallenge(uniqueId, request.query().hex("clientchallenge"));
                paired(request, "challengeresponse", response);
            } else if (request.query().has("serverchallengeresp")) {
                byte[] secret = context.pairing().serverChallengeResponse(uniqueId,
                        request.query().hex("serverchallengeresp"));
                paired(request, "pairingsecret", secret);
            } else if (request.query().has("clientpairingsecret")) {
                context.pairing().clientPairingSecret(uniqueId, request.query().hex("clientpairingsecret"));
                request.ok(new NvXml().put("paired", 1));
            } else {
                request.error(400, "unknown pairing phase");
            }
        } catch (PairingFailure failure) {
            notPaired(request, failure);
        }
    }

    /** Phase 1: the reply waits (off the event loop) until the PIN is typed at the host, or the attempt ends. */
    private void serverCertificate(NvRequest request, String uniqueId) {
        byte[] salt = request.query().hex("salt");
        X509Certificate certificate = Certificates.parseCertificate(
                new String(request.query().hex("clientcert"), StandardCharsets.US_ASCII));
        String name = Printable.of(request.query().first("devicename")); // it is logged, stored and shown
        context.pairing().begin(uniqueId, name == null || name.isBlank() ? "unnamed client" : name, salt, certificate)
                .whenComplete((pem, failure) -> request.ctx().executor().execute(() -> {
                    if (failure == null) {
                        paired(request, "plaincert", pem.getBytes(StandardCharsets.US_ASCII));
                    } else {
                        notPaired(request, failure);
                    }
                }));
    }

    private static void paired(NvRequest request, String field, byte[] value) {
        request.ok(new NvXml().put("paired", 1).put(field, HEX.formatHex(value)));
    }

    private void notPaired(NvRequest request, Throwable failure) {
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        context.log().log(System.Logger.Level.INFO, "pairing: refused: " + cause.getMessage());
        Replies.xml(request.ctx(), HttpResponseStatus.OK, new NvXml().put("paired", 0).ok());
    }
}
