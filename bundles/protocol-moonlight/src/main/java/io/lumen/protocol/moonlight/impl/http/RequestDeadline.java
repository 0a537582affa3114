package io.lumen.protocol.moonlight.impl.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * Closes a connection that has not delivered a whole request (TLS handshake included) within {@link #MILLIS},
 * so idle or trickling sockets cannot pile up. Once the request is in it steps aside: a pairing client
 * legitimately waits minutes for the PIN after sending it.
 */
final class RequestDeadline extends ChannelInboundHandlerAdapter {

    static final long MILLIS = 30_000;

    private ScheduledFuture<?> deadline;

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        deadline = ctx.executor().schedule(() -> {
            ctx.close();
        }, MILLIS, TimeUnit.MILLISECONDS);
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpRequest) {
            cancel();
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
    }

    private void cancel() {
        if (deadline != null) {
            deadline.cancel(false);
        }
    }
}
