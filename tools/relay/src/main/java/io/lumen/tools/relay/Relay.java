package io.lumen.tools.relay;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The relay: every GameStream port opened at its base and forwarded to the same port at the host's base, TCP as
 * is, UDP through the options' loss, reordering and delay. One scheduler thread serves every delay line and held
 * datagram, and closes idle flows.
 */
public final class Relay implements AutoCloseable {

    private final RelayOptions options;
    private final ScheduledExecutorService scheduler;
    private final Map<RelayPort, UdpForwarder> udp = new EnumMap<>(RelayPort.class);
    private final Map<RelayPort, TcpForwarder> tcp = new EnumMap<>(RelayPort.class);
    private final long started = System.nanoTime();

    private Relay(RelayOptions options) {
        this.options = options;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task ->
                Thread.ofPlatform().name("relay-scheduler").daemon().unstarted(task));
        executor.setRemoveOnCancelPolicy(true);
        this.scheduler = executor;
    }

    /** Opens every port; nothing stays open when one cannot be (a port in use names itself). */
    public static Relay start(RelayOptions options, Consumer<String> log) throws IOException {
        Relay relay = new Relay(options);
        try {
            InetAddress listenAddress = InetAddress.getByName(options.listenAddress());
            InetAddress hostAddress = InetAddress.getByName(options.host());
            for (RelayPort port : RelayPort.values()) {
                InetSocketAddress listen = new InetSocketAddress(listenAddress, port.at(options.listenBase()));
                InetSocketAddress target = new InetSocketAddress(hostAddress, port.at(options.hostBase()));
                if (port.udp()) {
                    relay.udp.put(port, new UdpForwarder(port, listen, target, options, relay.scheduler, log));
                } else {
                    relay.tcp.put(port, new TcpForwarder(port, listen, target, log));
                }
            }
        } catch (IOException | RuntimeException e) {
            relay.close();
            throw e;
        }
        relay.scheduler.scheduleWithFixedDelay(() -> relay.udp.values().forEach(
                forwarder -> forwarder.closeIdle(System.currentTimeMillis())), 5, 5, TimeUnit.SECONDS);
        return relay;
    }

    public RelayOptions options() {
        return options;
    }

    /** The counts of one UDP port going one way, as they are now. */
    public LinkCounts.Snapshot counts(RelayPort port, Direction direction) {
        UdpForwarder forwarder = udp.get(port);
        if (forwarder == null) {
            throw new IllegalArgumentException(port.label() + " is not a UDP port");
        }
        return forwarder.counts(direction).snapshot();
    }

    /** Every count as a table: a row per UDP port and direction that saw datagrams, then the TCP connections. */
    public String report() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "relay counts after %.1f s (%s):%n",
                (System.nanoTime() - started) / 1e9, options.describe()));
        out.append(String.format(Locale.ROOT, "  %-13s %-4s %10s %9s %9s %9s %7s %10s%n", "port", "dir",
                "forwarded", "dropped", "reordered", "delayed", "loss", "MB"));
        boolean any = false;
        for (Map.Entry<RelayPort, UdpForwarder> entry : udp.entrySet()) {
            for (Direction direction : Direction.values()) {
                LinkCounts.Snapshot c = entry.getValue().counts(direction).snapshot();
                if (c.seen() == 0) {
                    continue;
                }
                any = true;
                out.append(String.format(Locale.ROOT, "  %-13s %-4s %10d %9d %9d %9d %6.2f%% %10.1f%n",
                        entry.getKey().label() + " " + entry.getKey().at(options.listenBase()), direction.label(),
                        c.forwarded(), c.dropped(), c.reordered(), c.delayed(), 100.0 * c.dropped() / c.seen(),
                        c.bytes() / 1e6));
            }
        }
        if (!any) {
            out.append("  no datagrams yet\n");
        }
        List<String> connections = new ArrayList<>();
        tcp.forEach((port, forwarder) -> {
            long[] c = forwarder.counts();
            if (c[0] > 0) {
                connections.add(String.format(Locale.ROOT, "%s %d (%.1f kB up, %.1f kB down)", port.label(), c[0],
                        c[1] / 1e3, c[2] / 1e3));
            }
        });
        out.append("  tcp connections: ").append(connections.isEmpty() ? "none" : String.join(", ", connections))
                .append('\n');
        int flows = udp.values().stream().mapToInt(UdpForwarder::flowCount).sum();
        out.append("  udp flows open: ").append(flows).append('\n');
        return out.toString();
    }

    /** Grows with every datagram and connection the relay handles: whether anything happened since a look. */
    long activity() {
        long sum = 0;
        for (UdpForwarder forwarder : udp.values()) {
            for (Direction direction : Direction.values()) {
                sum += forwarder.counts(direction).snapshot().seen();
            }
        }
        for (TcpForwarder forwarder : tcp.values()) {
            sum += forwarder.counts()[0];
        }
        return sum;
    }

    /** Runs {@code task} on the relay's scheduler every {@code seconds}. */
    void every(int seconds, Runnable task) {
        scheduler.scheduleAtFixedRate(task, seconds, seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        tcp.values().forEach(TcpForwarder::close);
        udp.values().forEach(UdpForwarder::close);
        scheduler.shutdownNow();
    }
}
