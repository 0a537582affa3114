package io.lumen.protocol.moonlight.impl.web;

import io.lumen.protocol.moonlight.impl.http.Replies;
import io.lumen.protocol.moonlight.impl.query.Query;
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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The PIN page's requests: {@code GET /} shows it, {@code POST /pin} and {@code POST /unpair} act and send the
 * browser back to it with a message. Requests naming the host by a domain name (DNS rebinding) or lacking the
 * form token (cross-site forms) are refused.
 */
final class WebUiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final String HTML = "text/html; charset=utf-8";

    private final HostControl host;
    private final String token;
    private final System.Logger log;

    WebUiHandler(HostControl host, String token, System.Logger log) {
        this.host = host;
        this.token = token;
        this.log = log;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            Replies.send(ctx, HttpResponseStatus.BAD_REQUEST, HTML, WebPage.problem("Malformed request."));
            return;
        }
        if (!localHost(request.headers().get(HttpHeaderNames.HOST))) {
            Replies.send(ctx, HttpResponseStatus.FORBIDDEN, HTML,
                    WebPage.problem("Open this page as localhost or by IP address."));
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        if (request.method() == HttpMethod.GET && uri.path().equals("/")) {
            String message = new Query(uri.parameters()).first("message");
            Replies.send(ctx, HttpResponseStatus.OK, HTML, WebPage.render(host, token, message));
            return;
        }
        if (request.method() != HttpMethod.POST || !(uri.path().equals("/pin") || uri.path().equals("/unpair"))) {
            Replies.send(ctx, HttpResponseStatus.NOT_FOUND, HTML, WebPage.problem("No such page."));
            return;
        }
        Query form = new Query(new QueryStringDecoder(
                request.content().toString(StandardCharsets.UTF_8), StandardCharsets.UTF_8, false).parameters());
        String sent = form.first("token");
        if (sent == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8))) {
            Replies.send(ctx, HttpResponseStatus.FORBIDDEN, HTML,
                    WebPage.problem("The form is stale or came from another page: reload and try again."));
            return;
        }
        redirect(ctx, uri.path().equals("/pin") ? pin(form.first("pin")) : unpair(form.first("client")));
    }

    private String pin(String pin) {
        if (pin == null || !pin.strip().matches("[0-9]{4}")) {
            return "A PIN is the 4 digits the client shows.";
        }
        Optional<String> waiting = host.waitingClient();
        if (!host.enterPin(pin.strip())) {
            return "No client is waiting for a PIN (it may have given up): start pairing on the client again.";
        }
        log.log(System.Logger.Level.INFO, "pin page: PIN entered for \"" + waiting.orElse("?") + "\"");
        return "PIN sent to " + waiting.orElse("the client") + ": it appears below once it has finished pairing.";
    }

    private String unpair(String client) {
        if (client == null || client.isBlank()) {
            return "No client named.";
        }
        try {
            return host.unpair(client).map(c -> c.name() + " is unpaired.")
                    .orElse("No such client (already unpaired?).");
        } catch (IOException | IllegalArgumentException e) {
            return "Unpairing failed: " + e.getMessage();
        }
    }

    private static void redirect(ChannelHandlerContext ctx, String message) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SEE_OTHER);
        response.headers().set(HttpHeaderNames.LOCATION, "/?message="
                        + java.net.URLEncoder.encode(message, StandardCharsets.UTF_8))
                .setInt(HttpHeaderNames.CONTENT_LENGTH, 0)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    /**
     * "localhost" or an IP address, never another name: a DNS-rebinding page sends its own domain name, so this
     * keeps it out, while an operator who binds the page to a LAN address can still open it by that address.
     */
    static boolean localHost(String hostHeader) {
        if (hostHeader == null) {
            return false;
        }
        if (hostHeader.startsWith("[")) {
            return hostHeader.matches("\\[[0-9A-Fa-f:.]+](:\\d+)?");
        }
        String name = hostHeader.contains(":") ? hostHeader.substring(0, hostHeader.indexOf(':')) : hostHeader;
        return name.equals("localhost") || name.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.log(System.Logger.Level.DEBUG, "pin page: connection dropped: " + cause);
        ctx.close();
    }
}
