package io.lumen.protocol.moonlight.impl.http;

import io.lumen.protocol.moonlight.impl.identity.Certificates;
import io.lumen.protocol.moonlight.impl.pairing.PairingCaller;
import io.lumen.protocol.moonlight.impl.query.Printable;
import io.lumen.protocol.moonlight.impl.pairing.PairingFailure;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code /pair}: phases 1 to 4 over HTTP, told apart by their parameters, and {@code phrase=pairchallenge}
 * over HTTPS, which only a just-paired certificate reaches. A refused step is {@code <paired>0</paired>}, which
 * makes the client stop and call {@code /unpair}. Each phase names its caller (address and uniqueid), which the
 * pairing service holds against the attempt's own client.
 */
final class PairEndpoint {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final NvContext context;

    PairEndpoint(NvContext context) {
        this.context = context;
    }

    void handle(NvRequest request) {
        PairingCaller caller = new PairingCaller(request.query().required("uniqueid"), request.remoteAddress());
        String phrase = request.query().first("phrase");
        try {
            if ("pairchallenge".equals(phrase)) {
                if (request.client() == null) {
                    request.error(400, "pairchallenge is sent over HTTPS with the paired certificate");
                } else {
                    request.ok(new NvXml().put("paired", 1));
                }
            } else if ("getservercert".equals(phrase)) {
                serverCertificate(request, caller);
            } else if (request.query().has("clientchallenge")) {
                byte[] response = context.pairing().clientChallenge(caller, request.query().hex("clientchallenge"));
                paired(request, "challengeresponse", response);
            } else if (request.query().has("serverchallengeresp")) {
                byte[] secret = context.pairing().serverChallengeResponse(caller,
                        request.query().hex("serverchallengeresp"));
                paired(request, "pairingsecret", secret);
            } else if (request.query().has("clientpairingsecret")) {
                context.pairing().clientPairingSecret(caller, request.query().hex("clientpairingsecret"));
                request.ok(new NvXml().put("paired", 1));
            } else {
                request.error(400, "unknown pairing phase");
            }
        } catch (PairingFailure failure) {
            notPaired(request, failure);
        }
    }

    /**
     * Phase 1: the reply waits (off the event loop) until the PIN is typed at the host, or the attempt ends. The
     * client holds this connection open meanwhile, so its closing means the client is gone: the attempt ends then
     * instead of blocking every other client until the PIN wait runs out.
     */
    private void serverCertificate(NvRequest request, PairingCaller caller) {
        byte[] salt = request.query().hex("salt");
        X509Certificate certificate = Certificates.parseCertificate(
                new String(request.query().hex("clientcert"), StandardCharsets.US_ASCII));
        String name = Printable.of(request.query().first("devicename")); // it is logged, stored and shown
        CompletableFuture<String> waiting = context.pairing().begin(caller,
                name == null || name.isBlank() ? "unnamed client" : name, salt, certificate);
        request.ctx().channel().closeFuture().addListener(closed -> context.pairing().clientLeft(waiting));
        waiting.whenComplete((pem, failure) -> request.ctx().executor().execute(() -> {
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
