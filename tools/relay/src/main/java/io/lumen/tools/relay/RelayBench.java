package io.lumen.tools.relay;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How fast the relay forwards video-sized datagrams on loopback, against the same sender and receiver talking
 * directly (the peer, measured in the same run): a paced stream at a target rate, then as fast as the sender goes.
 * Arguments: [Mbit/s of the paced stream, default 500] [seconds per run, default 3] [relay options...].
 */
public final class RelayBench {

    private static final int DATAGRAM = 1400;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private RelayBench() {
    }

    public static void main(String[] args) throws Exception {
        double mbits = args.length > 0 ? Double.parseDouble(args[0]) : 500;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
        String[] impairment = args.length > 2 ? java.util.Arrays.copyOfRange(args, 2, args.length) : new String[0];
        int relayBase = 31000 + (int) (ProcessHandle.current().pid() % 2000) * 2;
        int hostBase = relayBase + 5000;
        String[] relayArgs = new String[6 + impairment.length];
        System.arraycopy(new String[] {"-listen", "" + relayBase, "-host", "127.0.0.1:" + hostBase, "-bind",
                "127.0.0.1"}, 0, relayArgs, 0, 6);
        System.arraycopy(impairment, 0, relayArgs, 6, impairment.length);
        RelayOptions options = RelayOptions.parse(relayArgs);
        System.out.printf(Locale.ROOT, "datagrams of %d bytes, %.0f s per run; relay: %s%n", DATAGRAM, seconds,
                options.describe());
        try (Relay relay = Relay.start(options, line -> { })) {
            long perSecond = (long) (mbits * 1e6 / 8 / DATAGRAM);
            for (long rate : new long[] {perSecond, 0}) {
                Result direct = run(hostBase, null, rate, seconds, null);
                Result relayed = run(hostBase, new InetSocketAddress(LOOPBACK, RelayPort.VIDEO.at(relayBase)), rate,
                        seconds, relay);
                String label = rate == 0 ? "unpaced" : String.format(Locale.ROOT, "paced %.0f Mbit/s", mbits);
                System.out.printf(Locale.ROOT, "%-20s direct  %9.0f datagrams/s received (%.0f Mbit/s), %5.2f%% missing%n",
                        label, direct.receivedPerSecond(), direct.mbits(), direct.missingPercent());
                System.out.printf(Locale.ROOT, "%-20s relayed %9.0f datagrams/s received (%.0f Mbit/s), %5.2f%% missing"
                        + " (of which the loss model dropped %.2f%%); relayed/direct %.2f%n", label,
                        relayed.receivedPerSecond(), relayed.mbits(), relayed.missingPercent(),
                        relayed.droppedPercent(relay), relayed.receivedPerSecond() / direct.receivedPerSecond());
            }
        }
    }

    private record Result(long sent, long received, double seconds, LinkCounts.Snapshot before) {
        double receivedPerSecond() {
            return received / seconds;
        }

        double mbits() {
            return receivedPerSecond() * DATAGRAM * 8 / 1e6;
        }

        double missingPercent() {
            return 100.0 * (sent - received) / sent;
        }

        double droppedPercent(Relay relay) {
            LinkCounts.Snapshot now = relay.counts(RelayPort.VIDEO, Direction.DOWN);
            return 100.0 * (now.dropped() - before.dropped()) / sent;
        }
    }

    /**
     * A receiver (the client) pings {@code through} (the relay's video port) or the host directly; the host answers
     * the ping's sender with datagrams for {@code seconds}, paced at {@code rate} a second (0: unpaced).
     */
    private static Result run(int hostBase, SocketAddress through, long rate, double seconds, Relay relay)
            throws Exception {
        try (DatagramChannel host = channel(new InetSocketAddress(LOOPBACK, RelayPort.VIDEO.at(hostBase)));
             DatagramChannel client = channel(new InetSocketAddress(LOOPBACK, 0))) {
            SocketAddress hostAddress = host.getLocalAddress();
            client.send(ByteBuffer.wrap(new byte[] {1}), through != null ? through : hostAddress);
            SocketAddress peer = host.receive(ByteBuffer.allocate(16));
            AtomicLong received = new AtomicLong();
            Thread reader = Thread.ofPlatform().start(() -> {
                ByteBuffer buffer = ByteBuffer.allocateDirect(2048);
                try {
                    while (true) {
                        buffer.clear();
                        client.receive(buffer);
                        received.incrementAndGet();
                    }
                } catch (IOException closed) {
                    // the run is over
                }
            });
            LinkCounts.Snapshot before = relay == null ? new LinkCounts.Snapshot(0, 0, 0, 0, 0)
                    : relay.counts(RelayPort.VIDEO, Direction.DOWN);
            long sent = 0;
            ByteBuffer datagram = ByteBuffer.allocateDirect(DATAGRAM);
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            for (long now = start; now < end; now = System.nanoTime()) {
                long due = rate == 0 ? Long.MAX_VALUE : (now - start) * rate / 1_000_000_000L;
                for (int burst = 0; sent < due && burst < 64 || rate == 0 && burst < 64; burst++) {
                    datagram.clear();
                    host.send(datagram, peer);
                    sent++;
                }
                if (rate != 0 && sent >= due) {
                    Thread.onSpinWait();
                }
            }
            long quietSince = System.nanoTime();
            long last = -1;
            while (System.nanoTime() - quietSince < 300_000_000L) { // drained once nothing came for 300 ms
                long now = received.get();
                if (now != last) {
                    last = now;
                    quietSince = System.nanoTime();
                }
                Thread.sleep(20);
            }
            client.close();
            reader.join();
            return new Result(sent, received.get(), seconds, before);
        }
    }

    private static DatagramChannel channel(InetSocketAddress address) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
        channel.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
        channel.bind(address);
        return channel;
    }
}
