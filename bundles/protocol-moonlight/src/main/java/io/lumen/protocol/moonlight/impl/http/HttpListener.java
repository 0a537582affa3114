package io.lumen.protocol.moonlight.impl.http;

import io.lumen.protocol.moonlight.impl.net.MessageDeadline;
import io.lumen.protocol.moonlight.impl.net.TcpListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslHandler;

import javax.net.ssl.SSLEngine;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * One listening HTTP(S) port: small requests only (a longer request line, header or body is refused), a request
 * due within {@link #REQUEST_DEADLINE} of connecting, one handler instance per connection.
 */
public final class HttpListener implements AutoCloseable {

    static final int MAX_REQUEST_LINE = 8192;
    static final int MAX_HEADERS = 8192;
    static final int MAX_BODY = 16 * 1024;
    static final Duration REQUEST_DEADLINE = Duration.ofSeconds(30);

    private final TcpListener listener;

    private HttpListener(TcpListener listener) {
        this.listener = listener;
    }

    /**
     * Binds {@code address}. {@code tls} gives a server engine per connection, or is null for plain HTTP;
     * {@code handler} makes the request handler of each connection.
     */
    public static HttpListener start(String name, InetSocketAddress address, Supplier<SSLEngine> tls,
                                     Supplier<ChannelHandler> handler, System.Logger log)
            throws InterruptedException, BindException {
        return start(name, address, tls, null, handler, log);
    }

    /**
     * As above, with {@code replies} (a sharable outbound handler, or null) seeing every response before it is
     * encoded, the codec's own error replies included.
     */
    public static HttpListener start(String name, InetSocketAddress address, Supplier<SSLEngine> tls,
                                     ChannelHandler replies, Supplier<ChannelHandler> handler, System.Logger log)
            throws InterruptedException, BindException {
        return new HttpListener(TcpListener.start(name, address, new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ChannelPipeline pipeline = ch.pipeline();
                if (tls != null) {
                    pipeline.addLast(new SslHandler(tls.get()));
                }
                pipeline.addLast(new HttpServerCodec(MAX_REQUEST_LINE, MAX_HEADERS, 8192));
                if (replies != null) {
                    pipeline.addLast(replies);
                }
                pipeline.addLast(new HttpObjectAggregator(MAX_BODY), new MessageDeadline(REQUEST_DEADLINE, () -> { }),
                        new TargetGuard(), handler.get());
            }
        }, log));
    }

    public TcpListener.Counts connections() {
        return listener.counts();
    }

    public int port() {
        return listener.port();
    }

    @Override
    public void close() {
        listener.close();
    }
}
