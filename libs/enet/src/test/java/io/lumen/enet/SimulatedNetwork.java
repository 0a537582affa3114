package io.lumen.enet;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * Several {@link EnetProtocol}s on a simulated network with a millisecond clock: datagrams take {@code latency} ms
 * and pass through a drop rule. Fully deterministic.
 */
final class SimulatedNetwork {

    /** A datagram on its way. */
    record Flight(InetSocketAddress from, InetSocketAddress to, byte[] bytes, long arrival) {
    }

    private final Map<InetSocketAddress, EnetProtocol> hosts = new LinkedHashMap<>();
    private final Map<InetSocketAddress, List<EnetEvent>> events = new LinkedHashMap<>();
    private final List<Flight> inFlight = new ArrayList<>();
    private final SplittableRandom random;
    long now = 1_000_000;
    int latency = 5;
    /** Returns true for datagrams to lose. */
    Predicate<Flight> drop = flight -> false;
    long delivered;
    long lost;

    SimulatedNetwork(long seed) {
        this.random = new SplittableRandom(seed);
    }

    static InetSocketAddress address(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    EnetProtocol host(int port, EnetOptions options) {
        return host(port, options, (from, data) -> true);
    }

    EnetProtocol host(int port, EnetOptions options, ConnectAdmission admission) {
        InetSocketAddress self = address(port);
        EnetProtocol protocol = new EnetProtocol(options, (to, datagram) -> {
            byte[] bytes = new byte[datagram.remaining()];
            datagram.get(bytes);
            inFlight.add(new Flight(self, to, bytes, now + latency));
            return true;
        }, Runnable::run, random.split(), admission);
        hosts.put(self, protocol);
        events.put(self, new ArrayList<>());
        return protocol;
    }

    /** Loses each datagram with probability {@code p}, from this network's seeded generator. */
    Predicate<Flight> randomLoss(double p) {
        SplittableRandom losses = random.split();
        return flight -> losses.nextDouble() < p;
    }

    /** Puts a datagram on the wire as if {@code from} had sent it. */
    void inject(InetSocketAddress from, InetSocketAddress to, byte[] bytes) {
        inFlight.add(new Flight(from, to, bytes, now + latency));
    }

    List<EnetEvent> events(int port) {
        return events.get(address(port));
    }

    void run(long millis) {
        runUntil(millis, () -> false);
    }

    /** Runs millisecond by millisecond until {@code done} holds (true) or {@code millis} pass (false). */
    boolean runUntil(long millis, java.util.function.BooleanSupplier done) {
        long end = now + millis;
        while (now < end) {
            step();
            if (done.getAsBoolean()) {
                return true;
            }
        }
        return false;
    }

    private void step() {
        now++;
        List<Flight> due = inFlight.stream().filter(f -> f.arrival() <= now).toList();
        inFlight.removeAll(due);
        for (Flight flight : due) {
            EnetProtocol target = hosts.get(flight.to());
            if (target == null) {
                continue;
            }
            if (drop.test(flight)) {
                lost++;
                continue;
            }
            delivered++;
            target.receive(flight.from(), ByteBuffer.wrap(flight.bytes()), now);
        }
        for (Map.Entry<InetSocketAddress, EnetProtocol> host : hosts.entrySet()) {
            host.getValue().service(now);
            events.get(host.getKey()).addAll(host.getValue().drainEvents());
        }
    }
}
