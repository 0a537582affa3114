package io.lumen.protocol.moonlight.impl.net;

import io.lumen.log.WarnOnce;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * One listening TCP port on Netty with its own event loop thread (the host's ports are few and their traffic is
 * small), named for the log; a port in use is a {@link BindException} that says who may hold it. Each connection
 * holds a file descriptor, so a listener keeps a bounded number open ({@link Limits}, in all and per address) and
 * closes the rest as they arrive, but a full listener makes room for an address holding fewer than another
 * ({@link ConnectionLimit}).
 */
public final class TcpListener implements AutoCloseable {

    private final String name;
    private final EventLoopGroup group;
    private final Channel channel;
    private final ConnectionLimit<Channel> limit;
    private final System.Logger log;

    private TcpListener(String name, EventLoopGroup group, Channel channel, ConnectionLimit<Channel> limit,
                        System.Logger log) {
        this.name = name;
        this.group = group;
        this.channel = channel;
        this.limit = limit;
        this.log = log;
    }

    /** How many connections a listener keeps open at once, in all and from one address. */
    public record Limits(int perListener, int perAddress) {
        public static final Limits DEFAULT = new Limits(128, 16);
    }

    /** A listener's connections open now, closed on arrival, and closed to make room for a lighter address. */
    public record Counts(int open, long refused, long evicted) {
    }

    /** Binds {@code address}; {@code connections} sets up the pipeline of each accepted connection. */
    public static TcpListener start(String name, InetSocketAddress address, ChannelInitializer<SocketChannel> connections,
                                    System.Logger log) throws InterruptedException, BindException {
        return start(name, address, connections, Limits.DEFAULT, log);
    }

    public static TcpListener start(String name, InetSocketAddress address, ChannelInitializer<SocketChannel> connections,
                                    Limits limits, System.Logger log) throws InterruptedException, BindException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ConnectionLimit<Channel> limit = new ConnectionLimit<>(limits);
        WarnOnce refusals = new WarnOnce(log);
        try {
            Channel channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            InetAddress remote = ch.remoteAddress().getAddress();
                            ConnectionLimit.Admission<Channel> admission = limit.admit(remote, ch);
                            if (!admission.admitted()) {
                                refusals.warn("connection limit", name + ": a connection from " + remote
                                        + " was closed on arrival: " + limits.perListener() + " connections in all or "
                                        + limits.perAddress() + " from one address are open (counted from now on)");
                                ch.close();
                                return;
                            }
                            if (admission.evicted() != null) {
                                refusals.warn("connection evicted", name + ": full; closed the oldest connection of "
                                        + ((InetSocketAddress) admission.evicted().remoteAddress()).getAddress()
                                        + ", the address holding the most, to take one from " + remote
                                        + " (counted from now on)");
                                admission.evicted().close();
                            }
                            ch.closeFuture().addListener(closed -> limit.release(remote, ch));
                            ch.pipeline().addLast(connections);
                        }
                    }).bind(address).sync().channel();
            log.log(System.Logger.Level.INFO, name + " listening on " + channel.localAddress() + " (at most "
                    + limits.perListener() + " connections, " + limits.perAddress() + " from one address)");
            return new TcpListener(name, group, channel, limit, log);
        } catch (Exception e) { // bind failures arrive undeclared through Netty's sync()
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            if (e instanceof BindException) {
                throw new BindException(name + ": " + address + " is in use, perhaps by another GameStream host"
                        + " (Sunshine?); give lumen other ports with lumen.port");
            }
            throw e;
        }
    }

    /** Connections open, refused and evicted, read together. */
    public Counts counts() {
        return limit.counts();
    }

    /** Connections open now. */
    public int openConnections() {
        return limit.open();
    }

    /** Connections closed on arrival because a limit was reached. */
    public long refusedConnections() {
        return limit.refused();
    }

    /** Connections closed to make room for one from an address holding fewer ({@link ConnectionLimit}). */
    public long evictedConnections() {
        return limit.evicted();
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
