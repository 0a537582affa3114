package io.lumen.protocol.moonlight.impl.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * One listening TCP port on Netty with its own event loop thread (the host's ports are few and their traffic is
 * small), named for the log; a port in use is a {@link BindException} that says who may hold it.
 */
public final class TcpListener implements AutoCloseable {

    private final String name;
    private final EventLoopGroup group;
    private final Channel channel;
    private final System.Logger log;

    private TcpListener(String name, EventLoopGroup group, Channel channel, System.Logger log) {
        this.name = name;
        this.group = group;
        this.channel = channel;
        this.log = log;
    }

    /** Binds {@code address}; {@code connections} sets up the pipeline of each accepted connection. */
    public static TcpListener start(String name, InetSocketAddress address, ChannelInitializer<SocketChannel> connections,
                                    System.Logger log) throws InterruptedException, BindException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Channel channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(connections).bind(address).sync().channel();
            log.log(System.Logger.Level.INFO, name + " listening on " + channel.localAddress());
            return new TcpListener(name, group, channel, log);
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
