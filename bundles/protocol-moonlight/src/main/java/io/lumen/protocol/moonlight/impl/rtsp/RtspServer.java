package io.lumen.protocol.moonlight.impl.rtsp;

import io.lumen.protocol.moonlight.impl.launch.LaunchSession;
import io.lumen.protocol.moonlight.impl.stream.StreamHost;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.ReadTimeoutHandler;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The RTSP port (base + 21). A connection is served only while a launch waits for its handshake, as on Sunshine;
 * the launch decides whether messages are encrypted ({@code corever} 1, every current client).
 */
public final class RtspServer implements AutoCloseable {

    /** The client waits 15 s for a reply; a connection that sends nothing whole in 10 s is dropped. */
    private static final int READ_TIMEOUT_SECONDS = 10;

    private final EventLoopGroup group;
    private final Channel channel;
    private final RtspStats stats;
    private final System.Logger log;

    private RtspServer(EventLoopGroup group, Channel channel, RtspStats stats, System.Logger log) {
        this.group = group;
        this.channel = channel;
        this.stats = stats;
        this.log = log;
    }

    public static RtspServer start(InetSocketAddress address, Supplier<Optional<LaunchSession>> launches,
                                   StreamHost streams, System.Logger log) throws InterruptedException, BindException {
        RtspStats stats = new RtspStats();
        RtspCommands commands = new RtspCommands(streams, log);
        LaunchStates states = new LaunchStates();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Channel channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            Optional<LaunchSession> launch = launches.get();
                            if (launch.isEmpty()) {
                                stats.noLaunch.incrementAndGet();
                                log.log(System.Logger.Level.DEBUG, "rtsp: " + ch.remoteAddress()
                                        + " connected with no launch waiting; closed");
                                ch.close();
                                return;
                            }
                            RtspChannelState state = states.of(launch.get());
                            ch.pipeline().addLast(new ReadTimeoutHandler(READ_TIMEOUT_SECONDS),
                                    new RtspFrameDecoder(state.encrypted()),
                                    new RtspConnectionHandler(state, commands, stats, log));
                        }
                    })
                    .bind(address).sync().channel();
            log.log(System.Logger.Level.INFO, "rtsp listening on " + channel.localAddress());
            return new RtspServer(group, channel, stats, log);
        } catch (Exception e) { // bind failures arrive undeclared through Netty's sync()
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            if (e instanceof BindException) {
                throw new BindException("rtsp: " + address + " is in use, perhaps by another GameStream host");
            }
            throw e;
        }
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    public RtspStats stats() {
        return stats;
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        log.log(System.Logger.Level.INFO, "rtsp closed");
    }

    /** The encryption state of the newest launch; a new launch or resume (a new record) starts afresh. */
    private static final class LaunchStates {
        private RtspChannelState current;

        synchronized RtspChannelState of(LaunchSession launch) {
            if (current == null || current.launch() != launch) {
                current = new RtspChannelState(launch);
            }
            return current;
        }
    }
}
