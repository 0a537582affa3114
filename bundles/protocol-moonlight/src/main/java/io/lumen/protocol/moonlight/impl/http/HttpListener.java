package io.lumen.protocol.moonlight.impl.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslHandler;

import javax.net.ssl.SSLEngine;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One listening HTTP(S) port on Netty: small requests only (a longer request line, header or body is refused),
 * a request due within {@link RequestDeadline#MILLIS} of connecting, one handler instance per connection.
 */
public final class HttpListener implements AutoCloseable {

    static final int MAX_REQUEST_LINE = 8192;
    static final int MAX_HEADERS = 8192;
    static final int MAX_BODY = 16 * 1024;

    private final String name;
    private final EventLoopGroup group;
    private final Channel channel;
    private final System.Logger log;

    private HttpListener(String name, EventLoopGroup group, Channel channel, System.Logger log) {
        this.name = name;
        this.group = group;
        this.channel = channel;
        this.log = log;
    }

    /**
     * Binds {@code address}. {@code tls} gives a server engine per connection, or is null for plain HTTP;
     * {@code handler} makes the request handler of each connection.
     */
    public static HttpListener start(String name, InetSocketAddress address, Supplier<SSLEngine> tls,
                                     Supplier<ChannelHandler> handler, System.Logger log)
            throws InterruptedException, BindException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Channel channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ChannelPipeline pipeline = ch.pipeline();
                            if (tls != null) {
                                pipeline.addLast(new SslHandler(tls.get()));
                            }
                            pipeline.addLast(new HttpServerCodec(MAX_REQUEST_LINE, MAX_HEADERS, 8192),
                                    new HttpObjectAggregator(MAX_BODY), new RequestDeadline(), handler.get());
                        }
                    })
                    .bind(address).sync().channel();
            log.log(System.Logger.Level.INFO, name + " listening on " + channel.localAddress());
            return new HttpListener(name, group, channel, log);
        } catch (Exception e) { // bind failures arrive undeclared through Netty's sync()
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            if (e instanceof BindException) {
                throw new BindException(name + ": " + address + " is in use, perhaps by another GameStream host"
                        + " (Sunshine?); give lumen other ports with lumen.port");
            }
            throw e;
        }
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly(); // no quiet period: replies are done
        log.log(System.Logger.Level.INFO, name + " closed");
    }
}
