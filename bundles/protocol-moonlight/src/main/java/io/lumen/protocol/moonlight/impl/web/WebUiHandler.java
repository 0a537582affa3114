package io.lumen.protocol.moonlight.impl.web;

import io.lumen.protocol.moonlight.impl.http.Replies;
import io.lumen.protocol.moonlight.impl.pairing.PinEntry;
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
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The PIN page's requests: {@code GET /} shows it, {@code POST /pin} and {@code POST /unpair} act and send the
 * browser back to it with a message. Requests naming the host by a domain name (DNS rebinding) or lacking the
 * form token (cross-site forms) are refused. With a login ({@code login} not null), a browser without a live
 * session sees only the login (or first-time setup) form, and {@code POST /login}, {@code /setup} and
 * {@code /logout} exist; the form token is then the session's own.
 */
final class WebUiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final String HTML = "text/html; charset=utf-8";

    private final HostControl host;
    private final String token;
    private final WebLogin login;
    private final System.Logger log;

    /** {@code token}: the forms' token on loopback; {@code login}: null on loopback. */
    WebUiHandler(HostControl host, String token, WebLogin login, System.Logger log) {
        this.host = host;
        this.token = token;
        this.login = login;
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
        Optional<WebLogin.Session> session = login == null ? Optional.empty()
                : login.session(request.headers().get(HttpHeaderNames.COOKIE));
        if (login != null && session.isEmpty()) {
            loggedOut(ctx, request, uri);
            return;
        }
        String formToken = session.map(WebLogin.Session::formToken).orElse(token);
        if (request.method() == HttpMethod.GET && uri.path().equals("/")) {
            String message = new Query(uri.parameters()).first("message");
            Replies.send(ctx, HttpResponseStatus.OK, HTML, WebPage.render(host, formToken, message, login != null));
            return;
        }
        boolean action = uri.path().equals("/pin") || uri.path().equals("/unpair")
                || (login != null && uri.path().equals("/logout"));
        if (request.method() != HttpMethod.POST || !action) {
            Replies.send(ctx, HttpResponseStatus.NOT_FOUND, HTML, WebPage.problem("No such page."));
            return;
        }
        Query form = form(request);
        String sent = form.first("token");
        if (sent == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                formToken.getBytes(StandardCharsets.UTF_8))) {
            Replies.send(ctx, HttpResponseStatus.FORBIDDEN, HTML,
                    WebPage.problem("The form is stale or came from another page: reload and try again."));
            return;
        }
        switch (uri.path()) {
            case "/pin" -> redirect(ctx, pin(form.first("pin"), form.first("client")), null);
            case "/unpair" -> redirect(ctx, unpair(form.first("client")), null);
            default -> {
                login.logout(session.orElseThrow(), from(ctx));
                redirect(ctx, "Logged out.", WebLogin.forgetCookie(false));
            }
        }
    }

    /** A browser without a session: the login or setup form, and the posts that make a session. */
    private void loggedOut(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri) {
        String path = uri.path();
        if (request.method() == HttpMethod.GET && path.equals("/")) {
            Replies.send(ctx, HttpResponseStatus.OK, HTML, loginPage(new Query(uri.parameters()).first("message")));
        } else if (request.method() == HttpMethod.POST && path.equals("/login")) {
            login.login(form(request).first("password"), from(ctx)).thenAccept(outcome -> answer(ctx, outcome));
        } else if (request.method() == HttpMethod.POST && path.equals("/setup")) {
            Query form = form(request);
            login.setup(form.first("code"), form.first("password"), form.first("repeat"), from(ctx))
                    .thenAccept(outcome -> answer(ctx, outcome));
        } else if (request.method() == HttpMethod.POST) {
            Replies.send(ctx, HttpResponseStatus.FORBIDDEN, HTML, loginPage("Log in first."));
        } else {
            Replies.send(ctx, HttpResponseStatus.NOT_FOUND, HTML, WebPage.problem("No such page."));
        }
    }

    private String loginPage(String message) {
        return login.setupCode().isPresent() ? WebPage.setup(host.hostname(), message)
                : WebPage.login(host.hostname(), message);
    }

    /** Back on the connection's event loop: the session's cookie and the page, or the form again with why not. */
    private void answer(ChannelHandlerContext ctx, WebLogin.Outcome outcome) {
        ctx.executor().execute(() -> {
            if (outcome.session() != null) {
                redirect(ctx, outcome.message(), WebLogin.cookie(outcome.session(), false));
            } else {
                Replies.send(ctx, HttpResponseStatus.valueOf(outcome.status()), HTML, loginPage(outcome.message()));
            }
        });
    }

    private static Query form(FullHttpRequest request) {
        return new Query(new QueryStringDecoder(
                request.content().toString(StandardCharsets.UTF_8), StandardCharsets.UTF_8, false).parameters());
    }

    private static String from(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress address
                ? address.getAddress().getHostAddress() : "?";
    }

    /** {@code client}: the address of the attempt whose form was used (absent from older pages: the only one). */
    private String pin(String pin, String client) {
        if (pin == null || !pin.strip().matches("[0-9]{4}")) {
            return "A PIN is the 4 digits the client shows.";
        }
        PinEntry entry = host.enterPin(pin.strip(), client);
        return switch (entry.outcome()) {
            case SENT -> entry.message() + ": it appears below once it has finished pairing.";
            case NONE_WAITING -> entry.message() + " (it may have given up): start pairing on the client again.";
            case AMBIGUOUS, NO_SUCH_CLIENT -> entry.message() + ".";
        };
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

    /** Back to the page with {@code message}; {@code cookie}, if not null, is set on the way. */
    private static void redirect(ChannelHandlerContext ctx, String message, String cookie) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SEE_OTHER);
        response.headers().set(HttpHeaderNames.LOCATION, "/?message="
                        + java.net.URLEncoder.encode(message, StandardCharsets.UTF_8))
                .setInt(HttpHeaderNames.CONTENT_LENGTH, 0)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        if (cookie != null) {
            response.headers().set(HttpHeaderNames.SET_COOKIE, cookie);
        }
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
