package io.lumen.protocol.moonlight.impl.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

import java.nio.charset.StandardCharsets;

/** Writes one whole response and closes the connection, as GameStream clients expect of every reply. */
public final class Replies {

    public static final String XML = "application/xml; charset=utf-8";

    private Replies() {
    }

    public static void send(ChannelHandlerContext ctx, HttpResponseStatus status, String contentType, byte[] body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    public static void send(ChannelHandlerContext ctx, HttpResponseStatus status, String contentType, String body) {
        send(ctx, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** A GameStream XML reply. */
    static void xml(ChannelHandlerContext ctx, HttpResponseStatus status, String xml) {
        send(ctx, status, XML, xml);
    }

    /** A GameStream error: the code both as the HTTP status and in the XML root, as Sunshine answers. */
    static void error(ChannelHandlerContext ctx, int status, String path, String message) {
        xml(ctx, HttpResponseStatus.valueOf(status), NvXml.error(status, path, message));
    }
}
