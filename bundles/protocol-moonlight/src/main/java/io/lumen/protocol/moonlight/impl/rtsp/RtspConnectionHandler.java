package io.lumen.protocol.moonlight.impl.rtsp;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;

import java.net.InetSocketAddress;

/**
 * One connection, one request: a Moonlight client connects, sends, reads until the host closes. Every failure is
 * answered (400 for what cannot be read) and the connection closed; nothing here can end the launch.
 */
final class RtspConnectionHandler extends SimpleChannelInboundHandler<Object> {

    private final RtspChannelState state;
    private final RtspCommands commands;
    private final RtspStats stats;
    private final System.Logger log;
    private boolean answered;

    RtspConnectionHandler(RtspChannelState state, RtspCommands commands, RtspStats stats, System.Logger log) {
        this.state = state;
        this.commands = commands;
        this.stats = stats;
        this.log = log;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object message) {
        if (answered) {
            return; // one request per connection: whatever follows the first is not read
        }
        RtspRequest request;
        try {
            byte[] plain = message instanceof RtspFrameDecoder.Sealed sealed
                    ? state.open(sealed.counter(), sealed.tagAndCiphertext()) : (byte[]) message;
            request = RtspRequest.parse(plain);
        } catch (RtspException e) {
            stats.malformed.incrementAndGet();
            refuse(ctx, e);
            return;
        }
        RtspResponse response;
        try {
            response = commands.answer(request, state.launch(),
                    ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress());
            stats.answered.incrementAndGet();
        } catch (RtspException e) {
            stats.rejected.incrementAndGet();
            refuse(ctx, e);
            return;
        } catch (RuntimeException e) {
            stats.rejected.incrementAndGet();
            log.log(System.Logger.Level.ERROR, "rtsp: " + request.method() + " from " + remote(ctx) + " failed", e);
            reply(ctx, RtspResponse.status(500, request.cseq()));
            return;
        }
        log.log(System.Logger.Level.DEBUG, "rtsp: " + request.method() + " " + request.target() + " from "
                + remote(ctx) + ": " + response.status());
        reply(ctx, response);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (answered) {
            return; // the framing fails again on the same bytes while the connection closes
        }
        stats.malformed.incrementAndGet();
        Throwable reason = cause.getCause() != null && cause.getMessage() == null ? cause.getCause() : cause;
        refuse(ctx, new RtspException(400, 0, String.valueOf(reason.getMessage())));
    }

    private void refuse(ChannelHandlerContext ctx, RtspException e) {
        log.log(System.Logger.Level.WARNING, "rtsp: refused " + remote(ctx) + " (" + e.status() + "): "
                + e.getMessage());
        reply(ctx, e.response());
    }

    private void reply(ChannelHandlerContext ctx, RtspResponse response) {
        answered = true;
        if (!ctx.channel().isActive()) {
            return;
        }
        ctx.writeAndFlush(Unpooled.wrappedBuffer(state.seal(response.bytes())))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private static String remote(ChannelHandlerContext ctx) {
        return String.valueOf(ctx.channel().remoteAddress());
    }
}
