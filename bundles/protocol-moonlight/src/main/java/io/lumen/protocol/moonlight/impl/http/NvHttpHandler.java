package io.lumen.protocol.moonlight.impl.http;

import io.lumen.protocol.moonlight.impl.identity.Certificates;
import io.lumen.protocol.moonlight.impl.pairing.PairingCaller;
import io.lumen.protocol.moonlight.impl.query.Printable;
import io.lumen.protocol.moonlight.impl.query.Query;
import io.lumen.protocol.moonlight.impl.store.PairedClient;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SslHandler;

import javax.net.ssl.SSLPeerUnverifiedException;
import java.io.IOException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Routes one GameStream request. Over plain HTTP (47989) only {@code /serverinfo} as an unpaired caller sees it,
 * {@code /pair} and {@code /unpair} exist. Over HTTPS (47984) the client certificate is looked up among the
 * paired clients on every request (so an unpairing takes effect at once, even on a resumed TLS session); an
 * unknown one gets the 401 that makes Moonlight fall back to HTTP and offer pairing, and reaches nothing else.
 */
final class NvHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private final NvContext context;
    private final boolean secure;
    private final PairEndpoint pair;
    private final AppEndpoints apps;
    private final LaunchEndpoints launch;

    NvHttpHandler(NvContext context, boolean secure) {
        this.context = context;
        this.secure = secure;
        this.pair = new PairEndpoint(context);
        this.apps = new AppEndpoints(context);
        this.launch = new LaunchEndpoints(context);
    }

    /** The handler factory for a listener: plain HTTP or HTTPS. */
    static Supplier<ChannelHandler> factory(NvContext context, boolean secure) {
        return () -> new NvHttpHandler(context, secure);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        QueryStringDecoder decoder = new QueryStringDecoder(request.uri());
        String path = decoder.path();
        if (!request.decoderResult().isSuccess()) {
            Replies.error(ctx, 400, "", "malformed request");
            return;
        }
        if (request.method() != HttpMethod.GET) {
            Replies.error(ctx, 405, path, "only GET is served");
            return;
        }
        PairedClient client = null;
        if (secure) {
            Optional<PairedClient> paired = pairedClient(ctx);
            if (paired.isEmpty()) {
                Replies.error(ctx, 401, path, "The client is not authorized. Certificate verification failed.");
                return;
            }
            client = paired.get();
        }
        try {
            route(new NvRequest(ctx, path, new Query(decoder.parameters()), client));
        } catch (IllegalArgumentException malformed) { // a parameter missing or malformed, or an undecodable query
            Replies.error(ctx, 400, path, malformed.getMessage());
        }
    }

    private void route(NvRequest request) {
        switch (request.path()) {
            case "/serverinfo" -> serverInfo(request);
            case "/pair" -> pair.handle(request);
            case "/unpair" -> unpair(request);
            default -> {
                if (secure) {
                    routeSecure(request);
                } else {
                    request.error(404, "Not Found");
                }
            }
        }
    }

    private void routeSecure(NvRequest request) {
        switch (request.path()) {
            case "/applist" -> apps.list(request);
            case "/appasset" -> apps.asset(request);
            case "/launch" -> launch.launch(request);
            case "/resume" -> launch.resume(request);
            case "/cancel" -> launch.cancel(request);
            default -> request.error(404, "Not Found");
        }
    }

    private void serverInfo(NvRequest request) {
        boolean paired = request.client() != null;
        String mac = paired ? NetworkAddresses.mac(request.ctx().channel().localAddress()) : "00:00:00:00:00:00";
        Replies.xml(request.ctx(), HttpResponseStatus.OK, context.host().get().serverInfo(paired, mac, request.localIp()));
    }

    /**
     * Over HTTP (what Moonlight sends after a failed pairing) it only drops the caller's own pairing attempt (same
     * address and uniqueid) and always answers 200: the uniqueid is the same for every client, so it can prove
     * nothing. Over HTTPS the caller is proven, and unpairs itself.
     */
    private void unpair(NvRequest request) {
        if (request.client() == null) {
            String uniqueId = request.query().first("uniqueid");
            if (uniqueId != null) {
                context.pairing().cancel(new PairingCaller(uniqueId, request.remoteAddress()));
            }
        } else {
            try {
                context.clients().remove(request.client().fingerprint());
                context.log().log(System.Logger.Level.INFO, "client unpaired: \"" + Printable.of(request.client().name())
                        + "\" removed itself (" + request.client().fingerprint() + ")");
            } catch (IOException e) {
                request.error(500, "the host could not store the change: " + e.getMessage());
                return;
            }
        }
        request.ok(new NvXml());
    }

    private Optional<PairedClient> pairedClient(ChannelHandlerContext ctx) {
        SslHandler tls = ctx.pipeline().get(SslHandler.class);
        try {
            Certificate[] chain = tls.engine().getSession().getPeerCertificates();
            if (chain.length == 0 || !(chain[0] instanceof X509Certificate certificate)) {
                return Optional.empty();
            }
            String fingerprint = Certificates.fingerprint(certificate);
            Optional<PairedClient> client = context.clients().byFingerprint(fingerprint);
            if (client.isEmpty()) {
                context.log().log(System.Logger.Level.DEBUG, "https: refused unpaired certificate " + fingerprint);
            } else {
                context.clients().seen(fingerprint, context.clock().instant());
            }
            return client;
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        context.log().log(System.Logger.Level.DEBUG, (secure ? "https" : "http") + ": connection dropped: " + cause);
        ctx.close();
    }
}
