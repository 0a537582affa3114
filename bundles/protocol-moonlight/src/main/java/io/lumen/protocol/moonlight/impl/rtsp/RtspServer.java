package io.lumen.protocol.moonlight.impl.rtsp;

import io.lumen.protocol.moonlight.impl.launch.LaunchSession;
import io.lumen.protocol.moonlight.impl.net.MessageDeadline;
import io.lumen.protocol.moonlight.impl.net.TcpListener;
import io.lumen.protocol.moonlight.impl.stream.StreamHost;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;

import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The RTSP port (base + 21). A connection is served only while a launch waits for its handshake, as on Sunshine,
 * and only from the address the launch came from; the launch decides whether messages are encrypted
 * ({@code corever} 1, every current client).
 */
public final class RtspServer implements AutoCloseable {

    /**
     * The client waits 15 s for a reply; a connection that has sent nothing whole 10 s after connecting is dropped,
     * however it trickles.
     */
    private static final Duration REQUEST_DEADLINE = Duration.ofSeconds(10);

    private final TcpListener listener;
    private final RtspStats stats;

    private RtspServer(TcpListener listener, RtspStats stats) {
        this.listener = listener;
        this.stats = stats;
    }

    public static RtspServer start(InetSocketAddress address, Supplier<Optional<LaunchSession>> launches,
                                   StreamHost streams, System.Logger log) throws InterruptedException, BindException {
        RtspStats stats = new RtspStats();
        RtspCommands commands = new RtspCommands(streams, log);
        LaunchStates states = new LaunchStates();
        return new RtspServer(TcpListener.start("rtsp", address, new ChannelInitializer<SocketChannel>() {
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
                InetAddress from = ch.remoteAddress().getAddress();
                if (!from.equals(launch.get().clientAddress())) {
                    // plain RTSP (corever 0) authenticates nothing: only the address that launched may handshake
                    long refused = stats.foreignClient.incrementAndGet();
                    // a flood of them must not flood the log: the 1st, 2nd, 4th, 8th... are told, all counted
                    log.log(Long.bitCount(refused) == 1 ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG,
                            "rtsp: refused " + from.getHostAddress() + ": the launch waiting is "
                                    + launch.get().clientAddress().getHostAddress() + "'s; closed (" + refused
                                    + " from other addresses so far)");
                    ch.close();
                    return;
                }
                RtspChannelState state = states.of(launch.get());
                ch.pipeline().addLast(new RtspFrameDecoder(state.encrypted()),
                        new MessageDeadline(REQUEST_DEADLINE, () -> log.log(System.Logger.Level.DEBUG, "rtsp: "
                                + from.getHostAddress() + " sent no complete request in time; closed")),
                        new RtspConnectionHandler(state, commands, stats, log));
            }
        }, log), stats);
    }

    public TcpListener.Counts connections() {
        return listener.counts();
    }

    public int port() {
        return listener.port();
    }

    public RtspStats stats() {
        return stats;
    }

    @Override
    public void close() {
        listener.close();
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
