package io.lumen.protocol.moonlight.impl.http;

import io.lumen.protocol.moonlight.impl.query.Query;
import io.lumen.protocol.moonlight.impl.store.PairedClient;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * One GameStream request: its path and query, and the paired client it came from (null over plain HTTP).
 * Reading a missing or malformed parameter throws {@link IllegalArgumentException}, which the handler answers
 * with a 400.
 */
record NvRequest(ChannelHandlerContext ctx, String path, Query query, PairedClient client) {

    String localIp() {
        return ctx.channel().localAddress() instanceof InetSocketAddress address
                ? address.getAddress().getHostAddress() : "127.0.0.1";
    }

    /** The address the request came from (what a pairing attempt and a launch's streams are tied to). */
    InetAddress remoteAddress() {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress address
                ? address.getAddress() : InetAddress.getLoopbackAddress();
    }

    void ok(NvXml xml) {
        Replies.xml(ctx, HttpResponseStatus.OK, xml.ok());
    }

    void error(int status, String message) {
        Replies.error(ctx, status, path, message);
    }
}
