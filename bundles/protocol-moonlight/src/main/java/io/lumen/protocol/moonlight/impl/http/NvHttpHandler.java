package io.lumen.protocol.moonlight.impl.http;

import io.lumen.protocol.moonlight.impl.identity.Certificates;
import io.lumen.protocol.moonlight.impl.pairing.PairingFailure;
import io.lumen.protocol.moonlight.impl.pairing.PairingService;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The plain-HTTP GameStream endpoints (port 47989): {@code /serverinfo} as an unpaired caller sees it,
 * {@code /pair} phases 1 to 4, and {@code /unpair}, which only drops a pairing attempt. Every reply is XML and
 * closes the connection, as clients expect; bad requests get an XML error and hurt no one else.
 */
final class NvHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final Supplier<HostInfo> host;
    private final PairingService pairing;
    private final System.Logger log;

    NvHttpHandler(Supplier<HostInfo> host, PairingService pairing, System.Logger log) {
        this.host = host;
        this.pairing = pairing;
        this.log = log;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            reply(ctx, HttpResponseStatus.BAD_REQUEST, NvXml.error(400, "", "malformed request"));
            return;
        }
        QueryStringDecoder query = new QueryStringDecoder(request.uri());
        String path = query.path();
        if (request.method() != HttpMethod.GET) {
            reply(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, NvXml.error(405, path, "only GET is served"));
            return;
        }
        Map<String, List<String>> params = query.parameters();
        switch (path) {
            case "/serverinfo" -> reply(ctx, HttpResponseStatus.OK,
                    host.get().serverInfo(false, "00:00:00:00:00:00", localIp(ctx)));
            case "/pair" -> pair(ctx, path, params);
            case "/unpair" -> {
                String uniqueId = first(params, "uniqueid");
                if (uniqueId != null) {
                    pairing.cancel(uniqueId);
                }
                reply(ctx, HttpResponseStatus.OK, new NvXml().ok());
            }
            default -> reply(ctx, HttpResponseStatus.NOT_FOUND, NvXml.error(404, path, "Not Found"));
        }
    }

    private void pair(ChannelHandlerContext ctx, String path, Map<String, List<String>> params) {
        String uniqueId = first(params, "uniqueid");
        if (uniqueId == null || uniqueId.isBlank()) {
            reply(ctx, HttpResponseStatus.BAD_REQUEST, NvXml.error(400, path, "uniqueid is missing"));
            return;
        }
        try {
            if ("getservercert".equals(first(params, "phrase"))) {
                byte[] salt = hex(params, "salt");
                X509Certificate certificate = Certificates.parseCertificate(
                        new String(hex(params, "clientcert"), StandardCharsets.US_ASCII));
                String name = first(params, "devicename");
                pairing.begin(uniqueId, name == null || name.isBlank() ? "unnamed client" : name, salt, certificate)
                        .whenComplete((pem, failure) -> ctx.executor().execute(() -> {
                            if (failure == null) {
                                reply(ctx, HttpResponseStatus.OK, new NvXml().put("paired", 1)
                                        .put("plaincert", HEX.formatHex(pem.getBytes(StandardCharsets.US_ASCII))).ok());
                            } else {
                                notPaired(ctx, failure);
                            }
                        }));
            } else if (params.containsKey("clientchallenge")) {
                byte[] response = pairing.clientChallenge(uniqueId, hex(params, "clientchallenge"));
                replyPaired(ctx, "challengeresponse", response);
            } else if (params.containsKey("serverchallengeresp")) {
                byte[] secret = pairing.serverChallengeResponse(uniqueId, hex(params, "serverchallengeresp"));
                replyPaired(ctx, "pairingsecret", secret);
            } else if (params.containsKey("clientpairingsecret")) {
                pairing.clientPairingSecret(uniqueId, hex(params, "clientpairingsecret"));
                reply(ctx, HttpResponseStatus.OK, new NvXml().put("paired", 1).ok());
            } else {
                reply(ctx, HttpResponseStatus.BAD_REQUEST, NvXml.error(400, path, "unknown pairing phase"));
            }
        } catch (PairingFailure failure) {
            notPaired(ctx, failure);
        } catch (IllegalArgumentException malformed) {
            reply(ctx, HttpResponseStatus.BAD_REQUEST, NvXml.error(400, path, malformed.getMessage()));
        }
    }

    private void replyPaired(ChannelHandlerContext ctx, String field, byte[] value) {
        reply(ctx, HttpResponseStatus.OK, new NvXml().put("paired", 1).put(field, HEX.formatHex(value)).ok());
    }

    private void notPaired(ChannelHandlerContext ctx, Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException ? failure.getCause() : failure;
        log.log(System.Logger.Level.INFO, "pairing: refused: " + cause.getMessage());
        reply(ctx, HttpResponseStatus.OK, new NvXml().put("paired", 0).ok());
    }

    private static byte[] hex(Map<String, List<String>> params, String name) {
        String value = first(params, name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is missing");
        }
        try {
            return HexFormat.of().parseHex(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not hex");
        }
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String localIp(ChannelHandlerContext ctx) {
        return ctx.channel().localAddress() instanceof InetSocketAddress address
                ? address.getAddress().getHostAddress() : "127.0.0.1";
    }

    private static void reply(ChannelHandlerContext ctx, HttpResponseStatus status, String xml) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(xml, StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/xml; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.log(System.Logger.Level.DEBUG, "http: connection dropped: " + cause);
        ctx.close();
    }
}
