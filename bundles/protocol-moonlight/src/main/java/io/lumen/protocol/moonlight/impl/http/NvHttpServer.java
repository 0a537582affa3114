package io.lumen.protocol.moonlight.impl.http;

import io.lumen.protocol.moonlight.impl.pairing.PairingService;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** The plain-HTTP GameStream server: small requests only (long ones are refused), one reply per connection. */
public final class NvHttpServer implements AutoCloseable {

    static final int MAX_REQUEST_LINE = 8192;
    static final int MAX_BODY = 16 * 1024;

    private final EventLoopGroup group;
    private final Channel channel;

    private NvHttpServer(EventLoopGroup group, Channel channel) {
        this.group = group;
        this.channel = channel;
    }

    static NvHttpServer start(InetAddress address, int port, Supplier<HostInfo> host, PairingService pairing,
                              System.Logger log) throws InterruptedException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Channel channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(MAX_REQUEST_LINE, 8192, 8192),
                                    new HttpObjectAggregator(MAX_BODY),
                                    new NvHttpHandler(host, pairing, log));
                        }
                    })
                    .bind(new InetSocketAddress(address, port)).sync().channel();
            log.log(System.Logger.Level.INFO, "gamestream http listening on " + channel.localAddress());
            return new NvHttpServer(group, channel);
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully();
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
    }
}
