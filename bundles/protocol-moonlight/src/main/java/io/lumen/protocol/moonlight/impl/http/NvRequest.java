package io.lumen.protocol.moonlight.impl.http;

import io.lumen.protocol.moonlight.impl.store.PairedClient;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * One GameStream request: its path and query, and the paired client it came from (null over plain HTTP).
 * Reading a missing or malformed parameter throws {@link IllegalArgumentException}, which the handler answers
 * with a 400.
 */
record NvRequest(ChannelHandlerContext ctx, String path, Map<String, List<String>> query, PairedClient client) {

    String first(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    String required(String name) {
        String value = first(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is missing");
        }
        return value;
    }

    byte[] hex(String name) {
        try {
            return HexFormat.of().parseHex(required(name));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not hex");
        }
    }

    int integer(String name) {
        String value = required(name);
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a number");
        }
    }

    String localIp() {
        return ctx.channel().localAddress() instanceof InetSocketAddress address
                ? address.getAddress().getHostAddress() : "127.0.0.1";
    }

    String remote() {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress address
                ? address.getAddress().getHostAddress() : String.valueOf(ctx.channel().remoteAddress());
    }

    void ok(NvXml xml) {
        Replies.xml(ctx, HttpResponseStatus.OK, xml.ok());
    }

    void error(int status, String message) {
        Replies.error(ctx, status, path, message);
    }
}
