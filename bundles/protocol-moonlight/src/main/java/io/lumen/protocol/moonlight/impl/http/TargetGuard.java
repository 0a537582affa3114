package io.lumen.protocol.moonlight.impl.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;

/**
 * Answers 400 to a request whose target (path or query) has a percent escape that does not decode, before any
 * endpoint sees it: Netty decodes lazily and throws, which would otherwise drop the connection unanswered.
 */
final class TargetGuard extends ChannelInboundHandlerAdapter {

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpRequest request && request.decoderResult().isSuccess() && !decodes(request.uri())) {
            ReferenceCountUtil.release(msg);
            Replies.send(ctx, HttpResponseStatus.BAD_REQUEST, "text/plain; charset=utf-8",
                    "malformed percent escape in the request target\n");
            return;
        }
        super.channelRead(ctx, msg);
    }

    private static boolean decodes(String uri) {
        try {
            QueryStringDecoder decoder = new QueryStringDecoder(uri);
            decoder.path();
            decoder.parameters();
            return true;
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }
}
