package io.lumen.protocol.moonlight.impl.web;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;

/**
 * Puts the browser-facing protections on every reply of the page, errors from the HTTP codec included: no
 * framing (clickjacking the PIN or Unpair buttons), nothing loaded from elsewhere, no content-type guessing, no
 * referrer, no caching of a page that shows who is paired.
 */
@ChannelHandler.Sharable
final class SecurityHeaders extends ChannelOutboundHandlerAdapter {

    /** The page is one server-rendered document with an inline style sheet, no scripts, forms to itself. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; "
            + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    static final SecurityHeaders INSTANCE = new SecurityHeaders();

    private SecurityHeaders() {
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof HttpResponse response) {
            HttpHeaders headers = response.headers();
            headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                    .set("X-Frame-Options", "DENY")
                    .set("X-Content-Type-Options", "nosniff")
                    .set("Referrer-Policy", "no-referrer")
                    .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        }
        super.write(ctx, msg, promise);
    }
}
