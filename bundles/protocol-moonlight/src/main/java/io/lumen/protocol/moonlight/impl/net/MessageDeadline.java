package io.lumen.protocol.moonlight.impl.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection that has not delivered a whole message (a TLS handshake included) within its time from
 * connecting, so idle or trickling sockets cannot pile up: a read timeout alone restarts with every byte, which
 * a trickle of one byte a few seconds apart keeps alive for ever. Placed behind the framing, so the first message
 * that reaches it is whole; then it steps aside, as a pairing client legitimately waits minutes for the PIN after
 * sending its request.
 */
public final class MessageDeadline extends ChannelInboundHandlerAdapter {

    private final Duration time;
    private final Runnable expired;
    private ScheduledFuture<?> deadline;

    /** {@code expired}: told (on the event loop) when a connection is closed for being late. */
    public MessageDeadline(Duration time, Runnable expired) {
        this.time = time;
        this.expired = expired;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        deadline = ctx.executor().schedule(() -> {
            expired.run();
            ctx.close();
        }, time.toMillis(), TimeUnit.MILLISECONDS);
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        cancel();
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
